package io.workerplatform.host.gdpr;

import io.workerplatform.common.TaskQueues;
import io.workerplatform.gdpr.ExportStore;
import io.workerplatform.gdpr.ExportStore.Export;
import io.workerplatform.host.relay.UnstartedRows;
import io.workerplatform.starters.Gdpr;
import java.time.Duration;
import java.util.List;
import org.springframework.stereotype.Component;

@Component
class UnstartedExports implements UnstartedRows<Export> {
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
  public String capability() {
    return TaskQueues.GDPR;
  }

  @Override
  public List<Export> stored(Duration olderThan, int limit) {
    return store.unstarted(olderThan, limit);
  }

  @Override
  public String id(Export export) {
    return export.id();
  }

  @Override
  public void start(Export export) {
    gdpr.startExport(export.orgId(), export.id(), export.contactId());
    store.markStarted(export.id());
  }
}
