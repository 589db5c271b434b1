package io.workerplatform.host.gdpr;

import io.workerplatform.gdpr.ErasureStore;
import io.workerplatform.gdpr.ErasureStore.Erasure;
import io.workerplatform.host.relay.Unstarted;
import io.workerplatform.starters.Gdpr;
import java.time.Duration;
import java.util.List;
import org.springframework.stereotype.Component;

@Component
class UnstartedErasures implements Unstarted {
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
  public int startOlderThan(Duration olderThan, int limit) {
    List<Erasure> erasures = store.unstarted(olderThan, limit);
    erasures.forEach(this::start);
    return erasures.size();
  }

  void start(Erasure erasure) {
    gdpr.startErasure(erasure.orgId(), erasure.contactId());
    store.markStarted(erasure.contactId());
  }
}
