package io.workerplatform.host.signature;

import io.workerplatform.host.relay.Unstarted;
import io.workerplatform.signature.SignatureInput;
import io.workerplatform.signature.SignatureStore;
import io.workerplatform.signature.SignatureStore.Request;
import io.workerplatform.starters.Signatures;
import java.time.Duration;
import java.util.List;
import org.springframework.stereotype.Component;

@Component
class UnstartedSignatures implements Unstarted {
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
  public int startOlderThan(Duration olderThan, int limit) {
    List<Request> requests = store.unstarted(olderThan, limit);
    requests.forEach(this::start);
    return requests.size();
  }

  /** Starts the request's workflow (a second start finds it running) and marks it started. */
  void start(Request request) {
    signatures.start(
        request.orgId(),
        request.petitionId(),
        new SignatureInput(request.id(), request.orgId(), request.reminderEveryDays(), request.expiresInDays()));
    store.markStarted(request.id());
  }
}
