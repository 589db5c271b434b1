package io.workerplatform.notifications;

import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.workflow.Workflow;
import io.workerplatform.common.Failures;
import io.workerplatform.common.InvalidInput;
import io.workerplatform.notifications.NotificationEmailActivities.EmailsSent;
import io.workerplatform.notifications.NotificationEmailActivities.EventEmails;
import java.time.Duration;

public class NotificationEmailsWorkflowImpl implements NotificationEmailsWorkflow {

  /**
   * One activity for all of the event's emails: hundreds of members take minutes at SES's rate.
   * It heartbeats at least every second while a call is in flight, so a dead worker is noticed
   * within the heartbeat timeout; retries go on through a database or SES outage, each finding the
   * emails already decided.
   */
  static final ActivityOptions SEND_OPTIONS =
      ActivityOptions.newBuilder()
          .setStartToCloseTimeout(Duration.ofHours(1))
          .setHeartbeatTimeout(Duration.ofMinutes(1))
          .setScheduleToCloseTimeout(Failures.OUTAGE_TOLERANCE)
          .setRetryOptions(
              RetryOptions.newBuilder()
                  .setInitialInterval(Duration.ofSeconds(5))
                  .setBackoffCoefficient(2)
                  .setMaximumInterval(Failures.MAX_RETRY_INTERVAL)
                  .setDoNotRetry(InvalidInput.TYPE)
                  .build())
          .setSummary("send notification emails")
          .build();

  @Override
  public EmailsSent send(EventEmails emails) {
    InvalidInput.requireText("orgId", emails == null ? null : emails.orgId());
    InvalidInput.requireText("eventRowId", emails.eventRowId());
    Workflow.setCurrentDetails("Sending the notification emails of event " + emails.eventRowId());
    EmailsSent sent = Workflow.newActivityStub(NotificationEmailActivities.class, SEND_OPTIONS).sendPending(emails);
    Workflow.setCurrentDetails(
        "Sent " + sent.sent() + ", failed " + sent.failed() + ", skipped " + sent.skipped());
    return sent;
  }
}
