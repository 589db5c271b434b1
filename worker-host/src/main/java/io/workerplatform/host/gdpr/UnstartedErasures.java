package io.workerplatform.host.gdpr;

import io.workerplatform.common.TaskQueues;
import io.workerplatform.gdpr.ErasureStore;
import io.workerplatform.gdpr.ErasureStore.Erasure;
import io.workerplatform.host.relay.UnstartedRows;
import io.workerplatform.starters.Gdpr;
import java.time.Duration;
import java.util.List;
import org.springframework.stereotype.Component;

@Component
class UnstartedErasures implements UnstartedRows<Erasure> {
  private final ErasureStore store;
  private final Gdpr gdpr;

  UnstartedErasures(ErasureStore store, Gdpr gdpr) {
    this.store = store;
    this.gdpr = gdpr;
  }

  @Override
  public String what() {
    return "erasure(s)";
  }

  @Override
  public String capability() {
    return TaskQueues.GDPR;
  }

  @Override
  public List<Erasure> stored(Duration olderThan, int limit) {
    return store.unstarted(olderThan, limit);
  }

  @Override
  public String id(Erasure erasure) {
    return "contact " + erasure.contactId();
  }

  @Override
  public void start(Erasure erasure) {
    gdpr.startErasure(erasure.orgId(), erasure.contactId());
    store.markStarted(erasure.contactId());
  }
}
