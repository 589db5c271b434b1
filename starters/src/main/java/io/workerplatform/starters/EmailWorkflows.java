package io.workerplatform.starters;

import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.workerplatform.email.EmailWorkflow;
import io.workerplatform.email.RequestedEmail;

/**
 * Starts the workflow of a stored email request ({@code email/<id>} on queue {@code email}): after
 * the commit that stored it, by the API, {@link Emails} or the relay. Its input is the ids.
 */
public class EmailWorkflows {
  private final WorkflowClient client;

  public EmailWorkflows(WorkflowClient client) {
    this.client = client;
  }

  /** Starts it (again once it ended: a decided message is not sent twice); false while it runs. */
  public boolean start(String orgId, String emailId) {
    EmailWorkflow workflow = client.newWorkflowStub(EmailWorkflow.class,
        BusinessWorkflows.again(EmailWorkflow.workflowId(emailId), EmailWorkflow.TASK_QUEUE, "Email " + emailId,
            orgId, emailId));
    try {
      WorkflowClient.start(workflow::send, new RequestedEmail(orgId, emailId));
      return true;
    } catch (WorkflowExecutionAlreadyStarted e) {
      return false;
    }
  }
}
