package io.workerplatform.common;

import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;

/** How a workflow names an activity's failure where it records it: type and message, no stack. */
public final class Failures {
  private Failures() {}

  /**
   * How long work that depends on the database or the file store keeps being retried through an
   * outage before it gives up and is recorded as failed.
   */
  public static final Duration OUTAGE_TOLERANCE = Duration.ofHours(24);

  /**
   * The failure type of an activity that could not reach the database: not the work's own failure,
   * so a workflow waits for the database instead of spending the work's attempts on it.
   */
  public static final String DATABASE_UNAVAILABLE = "DatabaseUnavailable";

  /** Once an outage is over, retried work resumes within this long. */
  public static final Duration MAX_RETRY_INTERVAL = Duration.ofMinutes(5);

  /**
   * The options of an activity that records how work ended (one statement): half a minute a try,
   * retried through an outage of {@link #OUTAGE_TOLERANCE}, never on an unknown id
   * ({@link InvalidInput#TYPE}).
   */
  public static ActivityOptions recording(String summary) {
    return ActivityOptions.newBuilder()
        .setStartToCloseTimeout(Duration.ofSeconds(30))
        .setScheduleToCloseTimeout(OUTAGE_TOLERANCE)
        .setRetryOptions(RetryOptions.newBuilder()
            .setInitialInterval(Duration.ofSeconds(2))
            .setMaximumInterval(MAX_RETRY_INTERVAL)
            .setDoNotRetry(InvalidInput.TYPE)
            .build())
        .setSummary(summary)
        .build();
  }

  /** The failure's type only (an exception class or a declared type): safe wherever it is shown. */
  public static String type(ActivityFailure e) {
    return e.getCause() instanceof ApplicationFailure failure
        ? failure.getType()
        : e.getCause() == null ? "unknown" : e.getCause().getClass().getSimpleName();
  }

  /** Whether the activity failed because it could not reach the database. */
  public static boolean databaseUnavailable(ActivityFailure e) {
    return e.getCause() instanceof ApplicationFailure failure && DATABASE_UNAVAILABLE.equals(failure.getType());
  }

  public static String describe(ActivityFailure e) {
    if (e.getCause() instanceof ApplicationFailure failure) {
      return failure.getType() + ": " + failure.getOriginalMessage();
    }
    return String.valueOf(e.getCause() == null ? e.getMessage() : e.getCause().getMessage());
  }
}
