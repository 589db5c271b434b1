package io.workerplatform.host.signature;

import io.workerplatform.common.TaskQueues;
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
  private final Duration minReminderInterval;

  UnstartedSignatures(SignatureStore store, Signatures signatures, SignatureProperties properties) {
    this.store = store;
    this.signatures = signatures;
    this.minReminderInterval = properties.minReminderInterval();
  }

  @Override
  public String what() {
    return "signature request(s)";
  }

  @Override
  public String capability() {
    return TaskQueues.SIGNATURES;
  }

  @Override
  public List<Request> stored(Duration olderThan, int limit) {
    return store.unstarted(olderThan, limit);
  }

  @Override
  public String id(Request request) {
    return request.id();
  }

  @Override
  public void start(Request request) {
    signatures.start(
        request.orgId(),
        request.petitionId(),
        new SignatureInput(
            request.id(), request.orgId(), request.reminderEveryDays(), request.expiresInDays(), minReminderInterval, null));
    store.markStarted(request.id());
  }
}
