package io.workerplatform.signatures;

import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.TemporalFailure;
import io.temporal.workflow.Workflow;
import io.workerplatform.common.InvalidInput;
import java.time.Duration;

/** The signature workflow's activity options and stubs, and the checks of its input. */
final class SignatureSteps {
  static final int MAX_EXPIRES_IN_DAYS = 365;

  private static final RetryOptions PROVIDER_RETRIES =
      RetryOptions.newBuilder()
          .setInitialInterval(Duration.ofSeconds(2))
          .setBackoffCoefficient(2)
          .setMaximumInterval(Duration.ofMinutes(5))
          .setDoNotRetry(InvalidInput.TYPE, SignatureActivities.PROVIDER_REFUSED)
          .build();

  /**
   * Provider calls: retried for two hours, then the request fails (or, for reminders, goes on).
   * Two, not one: a call also writes to our database, and an hour-long database outage must not
   * fail a request.
   */
  static final ActivityOptions PROVIDER_CALL =
      ActivityOptions.newBuilder()
          .setStartToCloseTimeout(Duration.ofMinutes(1))
          .setScheduleToCloseTimeout(Duration.ofHours(2))
          .setRetryOptions(PROVIDER_RETRIES)
          .build();

  /** A signed document is worth waiting for: the provider may be down for hours. */
  static final ActivityOptions DOWNLOAD =
      ActivityOptions.newBuilder(PROVIDER_CALL)
          .setStartToCloseTimeout(Duration.ofMinutes(5))
          .setScheduleToCloseTimeout(Duration.ofDays(1))
          .build();

  /** Our own database: retried until it answers. */
  static final ActivityOptions RECORD =
      ActivityOptions.newBuilder()
          .setStartToCloseTimeout(Duration.ofMinutes(1))
          .setRetryOptions(
              RetryOptions.newBuilder()
                  .setInitialInterval(Duration.ofSeconds(1))
                  .setMaximumInterval(Duration.ofMinutes(1))
                  .setDoNotRetry(InvalidInput.TYPE)
                  .build())
          .build();

  static SignatureActivities activities(ActivityOptions options, String summary) {
    return Workflow.newActivityStub(
        SignatureActivities.class, ActivityOptions.newBuilder(options).setSummary(summary).build());
  }

  static String describe(ActivityFailure e) {
    return e.getCause() instanceof ApplicationFailure failure
        ? failure.getType() + ": " + failure.getOriginalMessage()
        : e.getCause() instanceof TemporalFailure cause ? cause.getOriginalMessage() : e.getMessage();
  }

  static void validate(SignatureInput input) {
    InvalidInput.requireText("signatureRequestId", input == null ? null : input.signatureRequestId());
    InvalidInput.requireText("orgId", input.orgId());
    if (input.minReminderInterval() != null && input.minReminderInterval().isNegative()) {
      throw invalid("minReminderInterval", "must not be negative");
    }
    if (input.reminderEveryDays() < 0) {
      throw invalid("reminderEveryDays", "must be 0 (no reminders) or more");
    }
    if (input.expiresInDays() < 1 || input.expiresInDays() > MAX_EXPIRES_IN_DAYS) {
      throw invalid("expiresInDays", "must be between 1 and " + MAX_EXPIRES_IN_DAYS);
    }
  }

  static ApplicationFailure invalid(String field, String problem) {
    return ApplicationFailure.newNonRetryableFailure(field + " " + problem, InvalidInput.TYPE, field);
  }

  private SignatureSteps() {}
}
