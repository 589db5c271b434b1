package io.workerplatform.starters;

import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowOptions;
import io.workerplatform.imports.ImportInput;
import io.workerplatform.imports.ImportProgress;
import io.workerplatform.imports.ImportWorkflow;
import java.util.Optional;

/**
 * Starts and steers imports (workflow {@code import/<id>} on queue {@code imports}). The file and
 * its rows stay in the storage and PostgreSQL; Temporal only ever sees the import's id.
 */
public class Imports {
  private final WorkflowClient client;

  public Imports(WorkflowClient client) {
    this.client = client;
  }

  /** Starts the import's workflow; false when it runs or ran already (no row is read twice). */
  public boolean start(String orgId, String importId) {
    return start(orgId, importId, WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_REJECT_DUPLICATE);
  }

  /**
   * Starts a new run of an import whose last run was terminated, timed out or failed before it
   * finished (the relay's sweeper): it goes on from the last committed batch. False when a run is
   * running or completed.
   */
  public boolean restart(String orgId, String importId) {
    return start(orgId, importId, WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_ALLOW_DUPLICATE_FAILED_ONLY);
  }

  private boolean start(String orgId, String importId, WorkflowIdReusePolicy reuse) {
    ImportWorkflow workflow = client.newWorkflowStub(ImportWorkflow.class, WorkflowOptions.newBuilder(
            BusinessWorkflows.once(ImportWorkflow.workflowId(importId), ImportWorkflow.TASK_QUEUE,
                "Import " + importId, orgId, importId))
        .setWorkflowIdReusePolicy(reuse)
        .build());
    try {
      WorkflowClient.start(workflow::run, ImportInput.start(importId));
      return true;
    } catch (WorkflowExecutionAlreadyStarted e) {
      return false;
    }
  }

  public void pause(String importId) {
    stub(importId).pause();
  }

  public void resume(String importId) {
    stub(importId).resume();
  }

  public void cancel(String importId) {
    stub(importId).cancel();
  }

  /** The live progress of the import, or empty when its workflow never started. */
  public Optional<ImportProgress> progress(String importId) {
    try {
      return Optional.of(stub(importId).progress());
    } catch (WorkflowNotFoundException e) {
      return Optional.empty();
    }
  }

  private ImportWorkflow stub(String importId) {
    return client.newWorkflowStub(ImportWorkflow.class, ImportWorkflow.workflowId(importId));
  }
}
