package io.workerplatform.host.imports;

import io.workerplatform.host.api.SteeredRows;
import io.workerplatform.imports.ImportStore;
import io.workerplatform.imports.ImportStore.Import;
import io.workerplatform.imports.ImportWorkflow;
import io.workerplatform.starters.Imports;
import java.time.Instant;
import org.springframework.stereotype.Service;

/** An import's live view and its steering (pause, resume, cancel). */
@Service
class ImportRequests {
  /** An import as the API shows it: its progress live while it runs, as stored once it ended. */
  record ImportView(
      String id, String kind, String status, String fileName, long sizeBytes, int rows, int imported, int updated,
      int failed, String failureReason, Instant createdAt, Instant finishedAt, String workflowId) {

    static ImportView of(Import i) {
      return new ImportView(i.id(), i.kind(), i.status(), i.fileName(), i.sizeBytes(), i.rows(), i.imported(),
          i.updated(), i.failed(), i.failureReason(), i.createdAt(), i.finishedAt(), ImportWorkflow.workflowId(i.id()));
    }
  }

  private final Imports imports;
  private final SteeredRows<Import> rows;

  ImportRequests(ImportStore store, Imports imports) {
    this.imports = imports;
    this.rows = new SteeredRows<>("import", store::find, Import::status, Import::isFinished, store::cancelUnstarted,
        new SteeredRows.Signals(imports::pause, imports::resume, imports::cancel));
  }

  ImportView view(String orgId, String id) {
    Import stored = find(orgId, id);
    if (!stored.isFinished()) {
      var live = SteeredRows.live(() -> imports.progress(id));
      if (live.isPresent()) {
        var p = live.get();
        return new ImportView(id, stored.kind(), p.status(), stored.fileName(), stored.sizeBytes(), p.rows(),
            p.imported(), p.updated(), p.failed(), stored.failureReason(), stored.createdAt(), stored.finishedAt(),
            ImportWorkflow.workflowId(id));
      }
    }
    return ImportView.of(stored);
  }

  void pause(String orgId, String id) {
    rows.pause(orgId, id);
  }

  void resume(String orgId, String id) {
    rows.resume(orgId, id);
  }

  void cancel(String orgId, String id) {
    rows.cancel(orgId, id);
  }

  Import find(String orgId, String id) {
    return rows.find(orgId, id);
  }
}
