package io.workerplatform.starters;

import io.temporal.client.WorkflowClient;
import io.workerplatform.sap.SapSyncWorkflow;

/** Starts an organization's SAP sync (workflow {@code sap-sync/<orgId>} on queue {@code sap}). */
public class SapSyncs {
  private final WorkflowClient client;

  public SapSyncs(WorkflowClient client) {
    this.client = client;
  }

  /** Starts the organization's sync; while one runs, that one is it (never two at once). */
  public void start(String orgId) {
    SapSyncWorkflow workflow = client.newWorkflowStub(SapSyncWorkflow.class, BusinessWorkflows.again(
        SapSyncWorkflow.workflowId(orgId), SapSyncWorkflow.TASK_QUEUE, "SAP sync of organization " + orgId, orgId, orgId));
    WorkflowClient.start(workflow::run, new SapSyncWorkflow.SyncInput(orgId, null));
  }
}
