package io.workerplatform.starters;

import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowNotFoundException;
import io.workerplatform.bulksends.BulkSendInput;
import io.workerplatform.bulksends.BulkSendProgress;
import io.workerplatform.bulksends.BulkSendWorkflow;
import java.util.Optional;

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
  public boolean start(String orgId, String bulkSendId, String petitionId, java.time.Instant sendAt) {
    BulkSendWorkflow workflow =
        client.newWorkflowStub(
            BulkSendWorkflow.class,
            BusinessWorkflows.once(
                BulkSendWorkflow.workflowId(bulkSendId),
                BulkSendWorkflow.TASK_QUEUE,
                "Bulk send " + bulkSendId + " of petition " + petitionId,
                orgId,
                petitionId));
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
