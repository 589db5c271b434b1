package io.workerplatform.host.gdpr;

import io.workerplatform.gdpr.ExportStore;
import io.workerplatform.gdpr.ExportStore.Export;
import io.workerplatform.host.relay.Unstarted;
import io.workerplatform.starters.Gdpr;
import java.time.Duration;
import java.util.List;
import org.springframework.stereotype.Component;

@Component
class UnstartedExports implements Unstarted {
  private final ExportStore store;
  private final Gdpr gdpr;

  UnstartedExports(ExportStore store, Gdpr gdpr) {
    this.store = store;
    this.gdpr = gdpr;
  }

  @Override
  public String what() {
    return "export(s)";
  }

  @Override
  public int startOlderThan(Duration olderThan, int limit) {
    List<Export> exports = store.unstarted(olderThan, limit);
    exports.forEach(this::start);
    return exports.size();
  }

  void start(Export export) {
    gdpr.startExport(export.orgId(), export.id(), export.contactId());
    store.markStarted(export.id());
  }
}
