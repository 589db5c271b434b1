package io.workerplatform.starters;

import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.workerplatform.gdpr.DataExportWorkflow;
import io.workerplatform.gdpr.ErasureInput;
import io.workerplatform.gdpr.ErasureWorkflow;
import io.workerplatform.gdpr.ExportInput;

/**
 * Starts GDPR work on queue {@code gdpr}: the erasure of a contact ({@code erasure/<contactId>})
 * and data exports ({@code gdpr-export/<exportId>}). The export row must exist first; the
 * workflows take ids only.
 */
public class Gdpr {
  private final WorkflowClient client;

  public Gdpr(WorkflowClient client) {
    this.client = client;
  }

  /**
   * Starts the contact's erasure; while one runs, this finds it. Once it ended, asking again runs
   * it again: nothing left to change, but a new audit row says it was asked.
   */
  public void startErasure(String orgId, String contactId) {
    ErasureWorkflow workflow =
        client.newWorkflowStub(
            ErasureWorkflow.class,
            BusinessWorkflows.again(
                ErasureWorkflow.workflowId(contactId), ErasureWorkflow.TASK_QUEUE,
                "Erasure of contact " + contactId, orgId, contactId));
    WorkflowClient.start(workflow::run, new ErasureInput(orgId, contactId));
  }

  /** Starts the export's workflow; false when it runs or ran already. */
  public boolean startExport(String orgId, String exportId, String contactId) {
    DataExportWorkflow workflow =
        client.newWorkflowStub(
            DataExportWorkflow.class,
            BusinessWorkflows.once(
                DataExportWorkflow.workflowId(exportId), DataExportWorkflow.TASK_QUEUE,
                contactId == null ? "Export of the organization" : "Export of contact " + contactId,
                orgId, exportId));
    try {
      WorkflowClient.start(workflow::run, new ExportInput(exportId, orgId, contactId));
      return true;
    } catch (WorkflowExecutionAlreadyStarted e) {
      return false;
    }
  }
}
