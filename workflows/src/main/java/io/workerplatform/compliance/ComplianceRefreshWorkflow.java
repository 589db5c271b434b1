package io.workerplatform.compliance;

import io.workerplatform.compliance.ComplianceActivities.ComplianceOutcome;
import io.workerplatform.compliance.ComplianceActivities.ComplianceRun;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * A refresh of one organization's compliance score asked for now ({@code POST .../compliance/refresh},
 * the old {@code enqueueComplianceRefresh(tenantId)} with {@code priority: 1}): started with a
 * higher task priority than the nightly work, on queue {@code compliance}. Its input is ids.
 */
@WorkflowInterface
public interface ComplianceRefreshWorkflow {
  String TASK_QUEUE = ComplianceActivities.TASK_QUEUE;

  static String workflowId(String runId) {
    return "compliance-refresh/" + runId;
  }

  @WorkflowMethod
  ComplianceOutcome refresh(ComplianceRun run);
}
