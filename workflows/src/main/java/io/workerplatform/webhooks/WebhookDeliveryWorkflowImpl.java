package io.workerplatform.webhooks;

import io.workerplatform.common.Failures;
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

  /**
   * Since version 1 of this change an outage is not an attempt: an attempt whose activity fails
   * (the database is down, the worker cannot record it) is tried again, on timers, under the same
   * number, for up to the input's outage tolerance; a final state that no attempt recorded is
   * written by {@link WebhookActivities#recordFinal}, retried for as long. Before, such an attempt
   * counted as failed, and a few hours of outage ended deliveries FAILED whose rows said WAITING.
   */
  static final String OUTAGE_CHANGE = "outage-is-not-an-attempt";
  static final int OUTAGES_RETRIED = 1;

  /**
   * Under {@link #OUTAGE_CHANGE}, the worker retries an attempt only briefly (a dropped connection,
   * a failover); a longer outage waits on workflow timers, visible in the history and the Web UI.
   */
  static final LocalActivityOptions BRIEF_LOCAL_ATTEMPT_OPTIONS =
      LocalActivityOptions.newBuilder(LOCAL_ATTEMPT_OPTIONS)
          .setScheduleToCloseTimeout(Duration.ofMinutes(2))
          .setRetryOptions(
              RetryOptions.newBuilder(ATTEMPT_OPTIONS.getRetryOptions())
                  .setInitialInterval(Duration.ofMillis(200))
                  .setMaximumAttempts(3)
                  .build())
          .build();

  /** The first wait before an attempt that could not run is tried again; it doubles up to the cap. */
  static final Duration OUTAGE_FIRST_WAIT = Duration.ofSeconds(10);
  static final Duration OUTAGE_MAX_WAIT = Failures.MAX_RETRY_INTERVAL;

  private static final Logger log = Workflow.getLogger(WebhookDeliveryWorkflowImpl.class);

  private boolean localAttempts;
  private boolean outagesRetried;
  private List<Duration> retryDelays = RETRY_DELAYS;
  private Duration outageTolerance = DeliveryRequest.DEFAULT_OUTAGE_TOLERANCE;

  private String deliveryId;
  private String status = PENDING;
  private int attempts;
  private Integer lastStatusCode;
  private Instant nextAttemptAt;
  private boolean redeliverRequested;
  private boolean cancelRequested;
  private String cancelReason;

  @Override
  public DeliveryStatus deliver(DeliveryRequest request) {
    deliveryId = InvalidInput.requireText("deliveryId", request == null ? null : request.deliveryId());
    localAttempts =
        Workflow.getVersion(ATTEMPTS_CHANGE, Workflow.DEFAULT_VERSION, LOCAL_ATTEMPTS)
            == LOCAL_ATTEMPTS;
    outagesRetried =
        Workflow.getVersion(OUTAGE_CHANGE, Workflow.DEFAULT_VERSION, OUTAGES_RETRIED) == OUTAGES_RETRIED;
    if (request.retryDelays() != null) {
      retryDelays = List.copyOf(request.retryDelays());
    }
    if (request.outageTolerance() != null) {
      outageTolerance = request.outageTolerance();
    }
    int maxAttempts = maxAttempts();
    int made = request.attemptsMade() == null ? 0 : request.attemptsMade();
    if (made < 0 || made >= maxAttempts) {
      throw ApplicationFailure.newNonRetryableFailure(
          "attemptsMade must be between 0 and " + (maxAttempts - 1), InvalidInput.TYPE, "attemptsMade");
    }
    if (made > 0) {
      // The event's workflow made the first attempt(s); the row holds them.
      attempts = made;
      waitBeforeAttempt(made + 1, retryDelays.get(made - 1));
    }
    for (int attemptInRun = made + 1; ; attemptInRun++) {
      if (cancelRequested) {
        return cancelled();
      }
      boolean last = attemptInRun == maxAttempts;
      Duration retryDelay = last ? Duration.ZERO : retryDelays.get(attemptInRun - 1);
      AttemptOutcome outcome = attempt(attemptInRun, retryDelay);
      if (outcome == null) {
        return cancelRequested ? cancelled() : gaveUpAfterOutage();
      }
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
  public void cancel(String reason) {
    cancelRequested = true;
    cancelReason = reason;
  }

  @Override
  public DeliveryStatus status() {
    return new DeliveryStatus(deliveryId, status, attempts, nextAttemptAt, lastStatusCode);
  }

  /**
   * Runs attempt {@code attemptInRun}; null when it could not run within the outage tolerance or
   * the delivery was cancelled while it waited to be tried again.
   */
  private AttemptOutcome attempt(int attemptInRun, Duration retryDelay) {
    int maxAttempts = maxAttempts();
    String summary = "attempt " + attemptInRun + " of " + maxAttempts;
    WebhookActivities activities =
        localAttempts
            ? Workflow.newLocalActivityStub(
                WebhookActivities.class,
                LocalActivityOptions.newBuilder(outagesRetried ? BRIEF_LOCAL_ATTEMPT_OPTIONS : LOCAL_ATTEMPT_OPTIONS)
                    .setSummary(summary)
                    .build())
            : Workflow.newActivityStub(
                WebhookActivities.class,
                ActivityOptions.newBuilder(ATTEMPT_OPTIONS).setSummary(summary).build());
    Instant firstTry = Instant.ofEpochMilli(Workflow.currentTimeMillis());
    Duration wait = OUTAGE_FIRST_WAIT;
    AttemptOutcome outcome;
    while (true) {
      status = SENDING;
      nextAttemptAt = null;
      Workflow.setCurrentDetails("Sending attempt " + attemptInRun + " of " + maxAttempts);
      try {
        outcome = activities.attempt(new AttemptRequest(deliveryId, retryDelay.toSeconds()));
        break;
      } catch (ActivityFailure e) {
        if (e.getCause() instanceof ApplicationFailure failure && failure.isNonRetryable()) {
          throw ApplicationFailure.newNonRetryableFailureWithCause(
              failure.getOriginalMessage(), failure.getType(), failure);
        }
        log.warn("Attempt {} of delivery {} could not run", attemptInRun, deliveryId, e);
        if (!outagesRetried) {
          // Before OUTAGE_CHANGE: counted as a failed attempt.
          outcome = new AttemptOutcome(0, AttemptOutcome.Result.FAILED, null);
          break;
        }
        Instant now = Instant.ofEpochMilli(Workflow.currentTimeMillis());
        if (!now.plus(wait).isBefore(firstTry.plus(outageTolerance))) {
          return null;
        }
        // Not an attempt: nothing was recorded, so the same attempt runs again after a wait.
        status = WAITING;
        nextAttemptAt = now.plus(wait);
        Workflow.setCurrentDetails(
            "Attempt " + attemptInRun + " of " + maxAttempts + " could not run (" + Failures.type(e)
                + "); trying it again at " + nextAttemptAt);
        Workflow.await(wait, () -> cancelRequested);
        if (cancelRequested) {
          return null;
        }
        wait = wait.multipliedBy(2).compareTo(OUTAGE_MAX_WAIT) > 0 ? OUTAGE_MAX_WAIT : wait.multipliedBy(2);
      }
    }
    attempts = Math.max(attempts, outcome.number());
    lastStatusCode = outcome.statusCode();
    return outcome;
  }

  /** The schedule's attempts: the first, then one after each retry delay. */
  private int maxAttempts() {
    return retryDelays.size() + 1;
  }

  /** The final write of a state no attempt recorded: retried until the database is back. */
  private void recordFinal(String finalStatus, String reason) {
    Workflow.newActivityStub(
            WebhookActivities.class,
            ActivityOptions.newBuilder()
                .setStartToCloseTimeout(Duration.ofSeconds(30))
                .setScheduleToCloseTimeout(outageTolerance)
                .setRetryOptions(
                    RetryOptions.newBuilder()
                        .setInitialInterval(Duration.ofSeconds(1))
                        .setBackoffCoefficient(2)
                        .setMaximumInterval(OUTAGE_MAX_WAIT)
                        .setDoNotRetry(InvalidInput.TYPE)
                        .build())
                .setSummary("record " + finalStatus)
                .build())
        .recordFinal(new WebhookActivities.FinalState(deliveryId, finalStatus, reason));
  }

  private DeliveryStatus gaveUpAfterOutage() {
    recordFinal(FAILED, "attempts could not run for " + describe(outageTolerance));
    return finish(FAILED);
  }

  private void waitBeforeAttempt(int attemptInRun, Duration delay) {
    int maxAttempts = maxAttempts();
    status = WAITING;
    nextAttemptAt = Instant.ofEpochMilli(Workflow.currentTimeMillis()).plus(delay);
    Workflow.setCurrentDetails(
        "Waiting for attempt " + attemptInRun + " of " + maxAttempts + " at " + nextAttemptAt);
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
                                  "attempt " + attemptInRun + " of " + maxAttempts + " in "
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
    if (outagesRetried) {
      recordFinal(CANCELLED, cancelReason == null ? "subscription deleted" : cancelReason);
      return finish(CANCELLED);
    }
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
