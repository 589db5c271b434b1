package io.workerplatform.starters;

import io.temporal.client.WorkflowOptions;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowNotFoundException;
import io.workerplatform.bulksends.BulkSendInput;
import io.workerplatform.bulksends.BulkSendProgress;
import io.workerplatform.bulksends.BulkSendWorkflow;
import java.util.Optional;
import java.time.Instant;

/**
 * Starts and steers bulk sends (workflow {@code bulk-send/<id>} on queue {@code bulk-send}). The
 * bulk send and its recipients are rows in PostgreSQL; Temporal only ever sees their ids.
 */
public class BulkSends {
  private final WorkflowClient client;

  public BulkSends(WorkflowClient client) {
    this.client = client;
  }

  /** Starts the bulk send's workflow; false when it runs or ran already (nothing is sent twice). */
  public boolean start(String orgId, String bulkSendId, String petitionId) {
    return start(orgId, bulkSendId, petitionId, null);
  }

  /**
   * Starts a bulk send that sends at {@code sendAt} (null: at once): its workflow waits for it on a
   * durable timer, and {@code cancel} ends it before a recipient is read.
   */
  public boolean start(String orgId, String bulkSendId, String petitionId, Instant sendAt) {
    return start(orgId, bulkSendId, petitionId, sendAt, WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_REJECT_DUPLICATE);
  }

  /**
   * Starts a new run of a bulk send whose last run was terminated, timed out or failed before it
   * finished (the relay's sweeper): it pages through the recipients again, and every message
   * decided before keeps its decision (its dedupe key), so nothing is sent twice. False when a run
   * is running or completed.
   */
  public boolean restart(String orgId, String bulkSendId, String petitionId, Instant sendAt) {
    return start(
        orgId, bulkSendId, petitionId, sendAt, WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_ALLOW_DUPLICATE_FAILED_ONLY);
  }

  private boolean start(
      String orgId, String bulkSendId, String petitionId, Instant sendAt, WorkflowIdReusePolicy reuse) {
    BulkSendWorkflow workflow =
        client.newWorkflowStub(
            BulkSendWorkflow.class,
            WorkflowOptions.newBuilder(BusinessWorkflows.once(
                    BulkSendWorkflow.workflowId(bulkSendId),
                    BulkSendWorkflow.TASK_QUEUE,
                    "Bulk send " + bulkSendId + " of petition " + petitionId,
                    orgId,
                    petitionId))
                .setWorkflowIdReusePolicy(reuse)
                .build());
    try {
      WorkflowClient.start(workflow::run, BulkSendInput.start(bulkSendId, sendAt));
      return true;
    } catch (WorkflowExecutionAlreadyStarted e) {
      return false;
    }
  }

  public void pause(String bulkSendId) {
    stub(bulkSendId).pause();
  }

  public void resume(String bulkSendId) {
    stub(bulkSendId).resume();
  }

  public void cancel(String bulkSendId) {
    stub(bulkSendId).cancel();
  }

  /** The live progress of the bulk send's latest run, or empty when its workflow never started. */
  public Optional<BulkSendProgress> progress(String bulkSendId) {
    try {
      return Optional.of(stub(bulkSendId).progress());
    } catch (WorkflowNotFoundException e) {
      return Optional.empty();
    }
  }

  private BulkSendWorkflow stub(String bulkSendId) {
    return client.newWorkflowStub(BulkSendWorkflow.class, BulkSendWorkflow.workflowId(bulkSendId));
  }
}
