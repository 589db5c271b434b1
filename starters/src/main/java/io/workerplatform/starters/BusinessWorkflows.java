package io.workerplatform.starters;

import io.temporal.api.enums.v1.WorkflowIdConflictPolicy;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.WorkflowOptions;
import io.temporal.common.SearchAttributes;
import io.workerplatform.common.Fairness;
import io.workerplatform.common.PlatformSearchAttributes;

/**
 * Start options every platform workflow shares: a business id, its queue, a summary, OrgId/EntityId,
 * and the organization as its fairness key ({@link Fairness}).
 */
final class BusinessWorkflows {
  private BusinessWorkflows() {}

  static WorkflowOptions.Builder options(
      String workflowId, String taskQueue, String summary, String orgId, String entityId) {
    return WorkflowOptions.newBuilder()
        .setWorkflowId(workflowId)
        .setTaskQueue(taskQueue)
        .setStaticSummary(summary)
        // When this client's own process runs a worker for the queue, the start call hands it the
        // first workflow task directly instead of queueing it for a poll (eager start).
        .setDisableEagerExecution(false)
        // each organization's tasks served in turn where the server supports fairness
        .setPriority(Fairness.priority(orgId, 0))
        .setTypedSearchAttributes(
            SearchAttributes.newBuilder()
                .set(PlatformSearchAttributes.ORG_ID, orgId)
                .set(PlatformSearchAttributes.ENTITY_ID, entityId)
                .build());
  }

  /**
   * For business actions that run once: a second start finds the running workflow, and an id that
   * ran already is refused rather than run again.
   */
  static WorkflowOptions once(
      String workflowId, String taskQueue, String summary, String orgId, String entityId) {
    return options(workflowId, taskQueue, summary, orgId, entityId)
        .setWorkflowIdReusePolicy(WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_REJECT_DUPLICATE)
        .setWorkflowIdConflictPolicy(WorkflowIdConflictPolicy.WORKFLOW_ID_CONFLICT_POLICY_USE_EXISTING)
        .build();
  }

  /**
   * For idempotent actions a user may ask for again: a second start finds the running workflow,
   * and once it closed the same id runs again (and changes nothing that is done already).
   */
  static WorkflowOptions again(
      String workflowId, String taskQueue, String summary, String orgId, String entityId) {
    return options(workflowId, taskQueue, summary, orgId, entityId)
        .setWorkflowIdReusePolicy(WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_ALLOW_DUPLICATE)
        .setWorkflowIdConflictPolicy(WorkflowIdConflictPolicy.WORKFLOW_ID_CONFLICT_POLICY_USE_EXISTING)
        .build();
  }
}
