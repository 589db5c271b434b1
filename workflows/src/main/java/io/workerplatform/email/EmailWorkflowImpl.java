package io.workerplatform.email;

import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.Workflow;
import io.workerplatform.common.Failures;
import io.workerplatform.common.InvalidInput;
import java.time.Duration;

public class EmailWorkflowImpl implements EmailWorkflow {
  /**
   * One message: a call to SES takes seconds at most, and the activity heartbeats while it waits
   * for the shared rate or for SES, so a dead worker is noticed within the heartbeat timeout.
   * Throttling, SES errors and database outages are retried for a day, each attempt finding the
   * message as the last one left it (a claim left behind marks it in doubt).
   */
  static final ActivityOptions SEND_OPTIONS =
      ActivityOptions.newBuilder()
          .setStartToCloseTimeout(Duration.ofMinutes(15))
          .setHeartbeatTimeout(Duration.ofSeconds(30))
          .setScheduleToCloseTimeout(Failures.OUTAGE_TOLERANCE)
          .setRetryOptions(
              RetryOptions.newBuilder()
                  .setInitialInterval(Duration.ofSeconds(2))
                  .setBackoffCoefficient(2)
                  .setMaximumInterval(Failures.MAX_RETRY_INTERVAL)
                  .setDoNotRetry(InvalidInput.TYPE)
                  .build())
          .setSummary("send the email")
          .build();

  /** Writing the message {@code FAILED}: one statement, retried through an outage. */
  static final ActivityOptions GIVE_UP_OPTIONS = Failures.recording("record that sending gave up");

  @Override
  public SendEmailResult send(RequestedEmail email) {
    InvalidInput.requireText("orgId", email == null ? null : email.orgId());
    InvalidInput.requireText("emailId", email.emailId());
    Workflow.setCurrentDetails("Sending email " + email.emailId());
    SendEmailResult result;
    try {
      result = Workflow.newActivityStub(EmailActivities.class, SEND_OPTIONS).sendRequested(email);
    } catch (ActivityFailure failure) {
      if (failure.getCause() instanceof ApplicationFailure cause && InvalidInput.TYPE.equals(cause.getType())) {
        throw failure; // no such request: nothing to record
      }
      // The category only: SES's own words stay in the message row.
      result = Workflow.newActivityStub(EmailActivities.class, GIVE_UP_OPTIONS)
          .giveUp(email, "gave up after retrying for " + Failures.OUTAGE_TOLERANCE.toHours() + " hours");
    }
    Workflow.setCurrentDetails("Email " + email.emailId() + ": " + result.state());
    return result;
  }
}
