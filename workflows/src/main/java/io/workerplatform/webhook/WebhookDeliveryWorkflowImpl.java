package io.workerplatform.webhook;

import io.workerplatform.common.InvalidInput;
import io.temporal.activity.ActivityOptions;
import io.temporal.activity.LocalActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.CancellationScope;
import io.temporal.workflow.Promise;
import io.temporal.workflow.TimerOptions;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;

public class WebhookDeliveryWorkflowImpl implements WebhookDeliveryWorkflow {

  /** The waits before attempts 2 to 5, each counted from the previous failure. */
  static final List<Duration> RETRY_DELAYS =
      List.of(
          Duration.ofMinutes(1), Duration.ofMinutes(5), Duration.ofMinutes(30), Duration.ofHours(6));

  static final int MAX_ATTEMPTS = RETRY_DELAYS.size() + 1;

  /**
   * An attempt is one bounded HTTP call plus a few statements; activity retries only cover
   * infrastructure errors (the database), never the endpoint's answer.
   */
  static final ActivityOptions ATTEMPT_OPTIONS =
      ActivityOptions.newBuilder()
          .setStartToCloseTimeout(Duration.ofMinutes(1))
          .setScheduleToCloseTimeout(Duration.ofMinutes(10))
          .setRetryOptions(
              RetryOptions.newBuilder()
                  .setInitialInterval(Duration.ofSeconds(1))
                  .setBackoffCoefficient(2)
                  .setMaximumInterval(Duration.ofMinutes(1))
                  .setDoNotRetry(InvalidInput.TYPE)
                  .build())
          .build();

  /**
   * Since version {@link #LOCAL_ATTEMPTS}, attempts run as local activities: an attempt is one
   * HTTP call bounded by the sender's timeouts, so it fits in a workflow task, and a delivery that
   * succeeds at once costs the server one workflow task instead of two plus an activity task (and
   * with eager start, no poll at all). The attempt key keeps a re-run attempt idempotent either
   * way. Histories recorded before keep replaying with regular activities.
   */
  static final LocalActivityOptions LOCAL_ATTEMPT_OPTIONS =
      LocalActivityOptions.newBuilder()
          .setStartToCloseTimeout(ATTEMPT_OPTIONS.getStartToCloseTimeout())
          .setScheduleToCloseTimeout(ATTEMPT_OPTIONS.getScheduleToCloseTimeout())
          .setRetryOptions(ATTEMPT_OPTIONS.getRetryOptions())
          .build();

  static final String ATTEMPTS_CHANGE = "attempts-as-local-activities";
  static final int LOCAL_ATTEMPTS = 1;

  /**
   * Since version 1 of this change a delivery can be cancelled (its subscription was deleted):
   * it then records CANCELLED with one more (local) activity. Histories from before never
   * received the signal, so they never reach the new commands.
   */
  static final String CANCEL_CHANGE = "cancel-on-subscription-deleted";
  static final int CANCELLABLE = 1;

  private static final Logger log = Workflow.getLogger(WebhookDeliveryWorkflowImpl.class);

  private boolean localAttempts;

  private String deliveryId;
  private String status = PENDING;
  private int attempts;
  private Integer lastStatusCode;
  private Instant nextAttemptAt;
  private boolean redeliverRequested;
  private boolean cancelRequested;

  @Override
  public DeliveryStatus deliver(DeliveryRequest request) {
    deliveryId = InvalidInput.requireText("deliveryId", request == null ? null : request.deliveryId());
    localAttempts =
        Workflow.getVersion(ATTEMPTS_CHANGE, Workflow.DEFAULT_VERSION, LOCAL_ATTEMPTS)
            == LOCAL_ATTEMPTS;
    for (int attemptInRun = 1; ; attemptInRun++) {
      if (cancelRequested) {
        return cancelled();
      }
      boolean last = attemptInRun == MAX_ATTEMPTS;
      Duration retryDelay = last ? Duration.ZERO : RETRY_DELAYS.get(attemptInRun - 1);
      AttemptOutcome outcome = attempt(attemptInRun, retryDelay);
      switch (outcome.result()) {
        case DELIVERED:
          return finish(DELIVERED);
        case GONE:
        case SUBSCRIPTION_DISABLED:
          return finish(DISABLED);
        case REFUSED:
          return finish(FAILED);
        case CANCELLED:
          return finish(CANCELLED);
        case FAILED:
          if (last) {
            return finish(FAILED);
          }
          waitBeforeAttempt(attemptInRun + 1, retryDelay);
          break;
      }
    }
  }

  @Override
  public void redeliver() {
    redeliverRequested = true;
  }

  @Override
  public void cancel() {
    cancelRequested = true;
  }

  @Override
  public DeliveryStatus status() {
    return new DeliveryStatus(deliveryId, status, attempts, nextAttemptAt, lastStatusCode);
  }

  private AttemptOutcome attempt(int attemptInRun, Duration retryDelay) {
    status = SENDING;
    nextAttemptAt = null;
    Workflow.setCurrentDetails("Sending attempt " + attemptInRun + " of " + MAX_ATTEMPTS);
    String summary = "attempt " + attemptInRun + " of " + MAX_ATTEMPTS;
    WebhookActivities activities =
        localAttempts
            ? Workflow.newLocalActivityStub(
                WebhookActivities.class,
                LocalActivityOptions.newBuilder(LOCAL_ATTEMPT_OPTIONS).setSummary(summary).build())
            : Workflow.newActivityStub(
                WebhookActivities.class,
                ActivityOptions.newBuilder(ATTEMPT_OPTIONS).setSummary(summary).build());
    AttemptOutcome outcome;
    try {
      outcome = activities.attempt(new AttemptRequest(deliveryId, retryDelay.toSeconds()));
    } catch (ActivityFailure e) {
      if (e.getCause() instanceof ApplicationFailure failure && failure.isNonRetryable()) {
        throw ApplicationFailure.newNonRetryableFailureWithCause(
            failure.getOriginalMessage(), failure.getType(), failure);
      }
      // The infrastructure stayed down through the activity's own retries: count it as a failed
      // attempt and keep to the schedule rather than losing the delivery.
      log.warn("Attempt of delivery {} could not complete", deliveryId, e);
      outcome = new AttemptOutcome(0, AttemptOutcome.Result.FAILED, null);
    }
    attempts = Math.max(attempts, outcome.number());
    lastStatusCode = outcome.statusCode();
    return outcome;
  }

  private void waitBeforeAttempt(int attemptInRun, Duration delay) {
    status = WAITING;
    nextAttemptAt = Instant.ofEpochMilli(Workflow.currentTimeMillis()).plus(delay);
    Workflow.setCurrentDetails(
        "Waiting for attempt " + attemptInRun + " of " + MAX_ATTEMPTS + " at " + nextAttemptAt);
    if (!redeliverRequested) {
      Promise<?>[] timer = new Promise<?>[1];
      CancellationScope scope =
          Workflow.newCancellationScope(
              () ->
                  timer[0] =
                      Workflow.newTimer(
                          delay,
                          TimerOptions.newBuilder()
                              .setSummary(
                                  "attempt " + attemptInRun + " of " + MAX_ATTEMPTS + " in "
                                      + describe(delay))
                              .build()));
      scope.run();
      Workflow.await(() -> timer[0].isCompleted() || redeliverRequested || cancelRequested);
      if (!timer[0].isCompleted()) {
        scope.cancel();
      }
    }
    redeliverRequested = false;
  }

  private DeliveryStatus cancelled() {
    Workflow.getVersion(CANCEL_CHANGE, Workflow.DEFAULT_VERSION, CANCELLABLE);
    Workflow.newLocalActivityStub(
            WebhookActivities.class,
            LocalActivityOptions.newBuilder(LOCAL_ATTEMPT_OPTIONS).setSummary("record cancelled").build())
        .markCancelled(deliveryId);
    return finish(CANCELLED);
  }

  private DeliveryStatus finish(String finalStatus) {
    status = finalStatus;
    nextAttemptAt = null;
    Workflow.setCurrentDetails(finalStatus + " after " + attempts + " attempt(s)");
    return status();
  }

  static String describe(Duration delay) {
    if (delay.toHours() > 0 && delay.toMinutesPart() == 0) {
      return delay.toHours() + "h";
    }
    if (delay.toMinutes() > 0 && delay.toSecondsPart() == 0) {
      return delay.toMinutes() + "m";
    }
    return delay.toSeconds() + "s";
  }
}
