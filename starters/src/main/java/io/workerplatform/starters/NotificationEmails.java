package io.workerplatform.starters;

import io.temporal.client.WorkflowClient;
import io.workerplatform.notifications.NotificationEmailActivities.EventEmails;
import io.workerplatform.notifications.NotificationEmailsWorkflow;

/**
 * Starts the sending of one event's notification emails on queue {@code notifications} ({@code
 * notification-emails/<org>/<event>}); the notifications handler calls it after storing the
 * notifications. While it runs a second start finds it; once it ended, a start runs it again,
 * which sends only what is still pending.
 */
public class NotificationEmails {
  private final WorkflowClient client;

  public NotificationEmails(WorkflowClient client) {
    this.client = client;
  }

  /** {@code eventRowId}: the platform's row id of the event, which its notifications reference. */
  public void start(String orgId, String eventRowId) {
    NotificationEmailsWorkflow workflow =
        client.newWorkflowStub(
            NotificationEmailsWorkflow.class,
            BusinessWorkflows.again(
                NotificationEmailsWorkflow.workflowId(orgId, eventRowId), NotificationEmailsWorkflow.TASK_QUEUE,
                "Notification emails of event " + eventRowId, orgId, eventRowId));
    WorkflowClient.start(workflow::send, new EventEmails(orgId, eventRowId));
  }
}
