package io.workerplatform.host.imports;

import io.temporal.client.WorkflowServiceException;
import io.workerplatform.common.ConflictException;
import io.workerplatform.common.NotFoundException;
import io.workerplatform.host.api.Steering;
import io.workerplatform.imports.ImportProgress;
import io.workerplatform.imports.ImportStore;
import io.workerplatform.imports.ImportStore.Import;
import io.workerplatform.imports.ImportWorkflow;
import io.workerplatform.starters.Imports;
import java.time.Instant;
import java.util.function.Consumer;
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

  private final ImportStore store;
  private final Imports imports;

  ImportRequests(ImportStore store, Imports imports) {
    this.store = store;
    this.imports = imports;
  }

  ImportView view(String orgId, String id) {
    Import stored = find(orgId, id);
    if (!stored.isFinished()) {
      try {
        var live = imports.progress(id);
        if (live.isPresent()) {
          ImportProgress p = live.get();
          return new ImportView(id, stored.kind(), p.status(), stored.fileName(), stored.sizeBytes(), p.rows(),
              p.imported(), p.updated(), p.failed(), stored.failureReason(), stored.createdAt(), stored.finishedAt(),
              ImportWorkflow.workflowId(id));
        }
      } catch (WorkflowServiceException temporalDown) {
        // the stored row
      }
    }
    return ImportView.of(stored);
  }

  void pause(String orgId, String id) {
    steer(orgId, id, imports::pause);
  }

  void resume(String orgId, String id) {
    steer(orgId, id, imports::resume);
  }

  /** One whose workflow has not started is cancelled in its row; a started one by its workflow. */
  void cancel(String orgId, String id) {
    find(orgId, id);
    if (store.cancelUnstarted(orgId, id)) {
      Steering.cancelStartedSince(id, imports::cancel);
      return;
    }
    steer(orgId, id, imports::cancel);
  }

  private void steer(String orgId, String id, Consumer<String> signal) {
    Import found = find(orgId, id);
    if (found.isFinished()) {
      throw new ConflictException("id", "import " + id + " is " + found.status() + " already");
    }
    Steering.steer("import", id, signal);
  }

  Import find(String orgId, String id) {
    return store.find(orgId, id).orElseThrow(() -> new NotFoundException("import", id));
  }
}
