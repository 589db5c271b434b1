package io.workerplatform.starters;

import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowOptions;
import io.workerplatform.common.Fairness;
import io.workerplatform.compliance.ComplianceActivities.ComplianceRun;
import io.workerplatform.compliance.ComplianceRefreshWorkflow;

/**
 * Starts a compliance refresh asked for now ({@code compliance-refresh/<run>} on queue {@code
 * compliance}) with task priority 1, the highest (the old {@code priority: 1}): where a server
 * orders a queue's tasks by priority, it goes ahead of everything else waiting.
 */
public class ComplianceRefreshes {
  /** Temporal's priority keys run from 1 (first) to 5; 3 is the default. */
  public static final int PRIORITY = 1;

  private final WorkflowClient client;

  public ComplianceRefreshes(WorkflowClient client) {
    this.client = client;
  }

  /** The options a refresh is started with. */
  public static WorkflowOptions options(String orgId, String runId) {
    return WorkflowOptions.newBuilder(BusinessWorkflows.once(ComplianceRefreshWorkflow.workflowId(runId),
            ComplianceRefreshWorkflow.TASK_QUEUE, "Compliance refresh " + runId, orgId, orgId))
        .setPriority(Fairness.priority(orgId, PRIORITY))
        .build();
  }

  /** Starts it; false when it runs or ran already. */
  public boolean start(String orgId, String runId) {
    ComplianceRefreshWorkflow workflow = client.newWorkflowStub(ComplianceRefreshWorkflow.class, options(orgId, runId));
    try {
      WorkflowClient.start(workflow::refresh, new ComplianceRun(orgId, runId));
      return true;
    } catch (WorkflowExecutionAlreadyStarted e) {
      return false;
    }
  }
}
