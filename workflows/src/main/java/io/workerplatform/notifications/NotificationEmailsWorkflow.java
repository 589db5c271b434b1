package io.workerplatform.notifications;

import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import io.workerplatform.common.TaskQueues;

/**
 * The immediate emails of one event's notifications, sent outside the event's processing: the
 * notifications handler stores the notifications and starts this, so the event's local activity
 * stays short and every email goes through the email capability's sending step in an activity
 * that heartbeats (never inside a local activity, whose timeout does not stop a slow call). One
 * per event: {@link #workflowId}; the handler's retries find it started.
 */
@WorkflowInterface
public interface NotificationEmailsWorkflow {
  String TASK_QUEUE = TaskQueues.NOTIFICATIONS;

  static String workflowId(String orgId, String eventRowId) {
    return "notification-emails/" + orgId + "/" + eventRowId;
  }

  /** Sends the event's pending notification emails; returns how they ended. */
  @WorkflowMethod
  NotificationEmailActivities.EmailsSent send(NotificationEmailActivities.EventEmails emails);
}
