package io.workerplatform.host.signature;

import io.workerplatform.host.relay.UnstartedRows;
import io.workerplatform.signature.SignatureInput;
import io.workerplatform.signature.SignatureStore;
import io.workerplatform.signature.SignatureStore.Request;
import io.workerplatform.starters.Signatures;
import java.time.Duration;
import java.util.List;
import org.springframework.stereotype.Component;

@Component
class UnstartedSignatures implements UnstartedRows<Request> {
  private final SignatureStore store;
  private final Signatures signatures;

  UnstartedSignatures(SignatureStore store, Signatures signatures) {
    this.store = store;
    this.signatures = signatures;
  }

  @Override
  public String what() {
    return "signature request(s)";
  }

  @Override
  public List<Request> stored(Duration olderThan, int limit) {
    return store.unstarted(olderThan, limit);
  }

  @Override
  public void start(Request request) {
    signatures.start(
        request.orgId(),
        request.petitionId(),
        new SignatureInput(request.id(), request.orgId(), request.reminderEveryDays(), request.expiresInDays()));
    store.markStarted(request.id());
  }
}
