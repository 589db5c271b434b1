package io.workerplatform.webhooks;

import io.workerplatform.common.TaskQueues;
import io.temporal.activity.Activity;
import io.temporal.activity.ActivityInfo;
import io.temporal.failure.ApplicationFailure;
import io.workerplatform.common.SecretBox;
import io.workerplatform.common.InvalidInput;
import io.workerplatform.common.PlatformMetrics;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import java.util.Optional;
import io.workerplatform.webhooks.AttemptOutcome.Result;

public class WebhookActivitiesImpl implements WebhookActivities {
  private static final Logger log = LoggerFactory.getLogger(WebhookActivitiesImpl.class);
  private final WebhookStore store;
  private final WebhookSender sender;
  private final WebhookSettings settings;
  private final PlatformMetrics metrics;

  public WebhookActivitiesImpl(WebhookStore store, WebhookSender sender, WebhookSettings settings) {
    this(store, sender, settings, PlatformMetrics.none());
  }

  public WebhookActivitiesImpl(
      WebhookStore store, WebhookSender sender, WebhookSettings settings, PlatformMetrics metrics) {
    this.store = store;
    this.sender = sender;
    this.settings = settings;
    this.metrics = metrics;
  }

  @Override
  public AttemptOutcome attempt(AttemptRequest request) {
    String deliveryId = InvalidInput.requireText("deliveryId", request.deliveryId());
    return attempt(deliveryId, attemptKey(Activity.getExecutionContext().getInfo()), request.retryInSeconds());
  }

  /**
   * One attempt of the delivery under {@code attemptKey}: a second call with the same key finds
   * the attempt recorded and returns its outcome without sending again.
   */
  AttemptOutcome attempt(String deliveryId, String attemptKey, long retryInSeconds) {
    AttemptTarget target;
    try {
      target = store.loadTarget(deliveryId, attemptKey).orElseThrow(
          () -> ApplicationFailure.newNonRetryableFailure(
              "webhook delivery " + deliveryId + " does not exist", InvalidInput.TYPE, "deliveryId"));
    } catch (SecretBox.NotSealedException e) {
      // a retry would find the same row: nothing is sent, never with a secret we did not seal
      throw ApplicationFailure.newNonRetryableFailure(
          "webhook delivery " + deliveryId + ": its subscription's signing secret is not sealed", "SecretNotSealed");
    }
    return attempt(target, attemptKey, retryInSeconds);
  }

  /** One attempt of a loaded target (see {@link #attempt(String, String, long)}). */
  AttemptOutcome attempt(AttemptTarget target, String attemptKey, long retryInSeconds) {
    String deliveryId = target.deliveryId();
    if (target.earlier() != null) {
      return target.earlier(); // this execution recorded its attempt, then failed to report it
    }
    if (target.subscriptionDeleted()) {
      ended(store.markCancelled(deliveryId), WebhookDeliveryWorkflow.CANCELLED);
      return new AttemptOutcome(0, Result.CANCELLED, null);
    }
    if (!target.subscriptionEnabled()) {
      ended(store.markSubscriptionDisabled(deliveryId), WebhookDeliveryWorkflow.DISABLED);
      return new AttemptOutcome(0, Result.SUBSCRIPTION_DISABLED, null);
    }
    // At-least-once: a crash after the request and before the row below makes the retried
    // activity send again. Receivers deduplicate on the webhook-id header (the delivery id).
    SendResult sent =
        metrics.observe(
            "platform.webhook.request", TaskQueues.WEBHOOKS, "POST",
            () -> sender.send(target.url(), deliveryId, target.secrets(), target.body()));
    Result result = classify(sent);
    int number =
        store.recordAttempt(
            target,
            attemptKey,
            sent,
            result,
            retryInSeconds,
            settings.disableAfterConsecutiveFailures());
    metrics.webhookAttempt(target.orgId(), result.name(), sent.statusCode(), Duration.ofMillis(sent.durationMs()));
    if (result != Result.DELIVERED) {
      // ids and outcome only: the error is a category ("HTTP 500", "connect timed out")
      log.info("Webhook delivery {} attempt {}: {} ({})", deliveryId, number, result, sent.error());
    }
    String status = WebhookStore.deliveryStatus(result, retryInSeconds);
    if (!WebhookDeliveryWorkflow.WAITING.equals(status)) {
      metrics.webhookDeliveryEnded(target.orgId(), status);
    }
    return new AttemptOutcome(number, result, sent.statusCode());
  }

  @Override
  public void markCancelled(String deliveryId) {
    ended(store.markCancelled(InvalidInput.requireText("deliveryId", deliveryId)), WebhookDeliveryWorkflow.CANCELLED);
  }

  /** Counts a delivery this call ended (none when it had ended before). */
  private void ended(Optional<String> orgId, String status) {
    orgId.ifPresent(org -> metrics.webhookDeliveryEnded(org, status));
  }

  @Override
  public void recordFinal(FinalState state) {
    String deliveryId = InvalidInput.requireText("deliveryId", state == null ? null : state.deliveryId());
    String status = InvalidInput.requireText("status", state.status());
    if (!WebhookStore.FINAL.contains(status)) {
      throw ApplicationFailure.newNonRetryableFailure(
          "status must be one of " + WebhookStore.FINAL, InvalidInput.TYPE, "status");
    }
    ended(store.recordFinal(deliveryId, status, state.reason()), status);
  }

  static Result classify(SendResult sent) {
    if (sent.refused()) {
      return Result.REFUSED;
    }
    if (sent.delivered()) {
      return Result.DELIVERED;
    }
    if (sent.statusCode() != null && sent.statusCode() == 410) {
      return Result.GONE;
    }
    return Result.FAILED;
  }

  /** Names this activity execution: the same across its retries, new for every scheduled one. */
  static String attemptKey(ActivityInfo info) {
    return info.getWorkflowId() + "/" + info.getRunId() + "/" + info.getActivityId();
  }
}
