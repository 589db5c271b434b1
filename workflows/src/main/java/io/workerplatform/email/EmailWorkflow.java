package io.workerplatform.email;

import io.workerplatform.common.TaskQueues;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * One email of the application ({@code POST /api/orgs/{orgId}/emails}, the starters' {@code
 * Emails.send}), sent on queue {@code email} through the platform's one sending step: allow-list,
 * suppressions, usage limits, the shared rate, the dedupe key and the window of doubt. Its input
 * is the request's ids: the address and the template's data never enter the history.
 */
@WorkflowInterface
public interface EmailWorkflow {
  String TASK_QUEUE = TaskQueues.EMAIL;

  static String workflowId(String emailId) {
    return "email/" + emailId;
  }

  /** Sends it; returns how its message ended ({@code FAILED} with the reason once retries are spent). */
  @WorkflowMethod
  SendEmailResult send(RequestedEmail email);
}
