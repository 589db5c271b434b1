package io.workerplatform.gdpr;

import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import io.workerplatform.common.TaskQueues;

/**
 * Erases one contact on request (GDPR art. 17): {@code erasure/<contactId>} on queue {@code gdpr}.
 * Safe to run again: a second run finds nothing left to change.
 */
@WorkflowInterface
public interface ErasureWorkflow {
  String TASK_QUEUE = TaskQueues.GDPR;

  static String workflowId(String contactId) {
    return "erasure/" + contactId;
  }

  @WorkflowMethod
  ErasureResult run(ErasureInput input);
}
