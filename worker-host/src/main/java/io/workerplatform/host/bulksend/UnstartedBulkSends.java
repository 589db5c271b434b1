package io.workerplatform.host.bulksend;

import io.workerplatform.bulksend.BulkSendStore;
import io.workerplatform.host.relay.Unstarted;
import io.workerplatform.starters.BulkSends;
import java.time.Duration;
import java.util.List;
import org.springframework.stereotype.Component;

@Component
class UnstartedBulkSends implements Unstarted {
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
  public int startOlderThan(Duration olderThan, int limit) {
    List<String> ids = store.unstarted(olderThan, limit);
    for (String id : ids) {
      store.find(id).ifPresent(b -> bulkSends.start(b.orgId(), b.id(), b.petitionId()));
      store.markStarted(id);
    }
    return ids.size();
  }
}
