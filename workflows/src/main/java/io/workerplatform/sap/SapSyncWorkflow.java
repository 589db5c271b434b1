package io.workerplatform.sap;

import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * One organization's sync with its SAP system (the old {@code sap-profile-polling}): pages of
 * changed business partners become profiles until none is left. One at a time per organization
 * ({@code sap-sync/<orgId>}); continues as new before its history grows large.
 */
@WorkflowInterface
public interface SapSyncWorkflow {
  String TASK_QUEUE = "sap";
  String COMPLETED = "COMPLETED";
  String FAILED = "FAILED";

  static String workflowId(String orgId) {
    return "sap-sync/" + orgId;
  }

  @WorkflowMethod
  SyncResult run(SyncInput input);

  /** {@code {"orgId":"..."}} to start; a continued run carries its run's id. */
  record SyncInput(String orgId, String runId) {}

  record SyncResult(String orgId, String runId, String status, int created, int updated, int failed, String error) {}
}
