package io.workerplatform.host.bulksend;

import io.workerplatform.common.TaskQueues;
import io.workerplatform.bulksend.BulkSendStore;
import io.workerplatform.host.relay.UnstartedRows;
import io.workerplatform.starters.BulkSends;
import java.time.Duration;
import java.util.List;
import org.springframework.stereotype.Component;

@Component
class UnstartedBulkSends implements UnstartedRows<String> {
  private final BulkSendStore store;
  private final BulkSends bulkSends;

  UnstartedBulkSends(BulkSendStore store, BulkSends bulkSends) {
    this.store = store;
    this.bulkSends = bulkSends;
  }

  @Override
  public String what() {
    return "bulk send(s)";
  }

  @Override
  public String capability() {
    return TaskQueues.BULK_SEND;
  }

  @Override
  public List<String> stored(Duration olderThan, int limit) {
    return store.unstarted(olderThan, limit);
  }

  @Override
  public String id(String id) {
    return id;
  }

  @Override
  public void start(String id) {
    store.find(id).ifPresent(b -> bulkSends.start(b.orgId(), b.id(), b.petitionId(), b.sendAt()));
    store.markStarted(id);
  }
}
