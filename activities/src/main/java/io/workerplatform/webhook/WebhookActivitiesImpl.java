package io.workerplatform.webhook;

import io.temporal.activity.Activity;
import io.temporal.activity.ActivityInfo;
import io.temporal.failure.ApplicationFailure;
import io.workerplatform.common.InvalidInput;
import io.workerplatform.webhook.AttemptOutcome.Result;

public class WebhookActivitiesImpl implements WebhookActivities {
  private final WebhookStore store;
  private final WebhookSender sender;
  private final WebhookSettings settings;

  public WebhookActivitiesImpl(WebhookStore store, WebhookSender sender, WebhookSettings settings) {
    this.store = store;
    this.sender = sender;
    this.settings = settings;
  }

  @Override
  public AttemptOutcome attempt(AttemptRequest request) {
    String deliveryId = InvalidInput.requireText("deliveryId", request.deliveryId());
    String attemptKey = attemptKey(Activity.getExecutionContext().getInfo());
    AttemptTarget target =
        store
            .loadTarget(deliveryId, attemptKey)
            .orElseThrow(
                () ->
                    ApplicationFailure.newNonRetryableFailure(
                        "webhook delivery " + deliveryId + " does not exist",
                        InvalidInput.TYPE,
                        "deliveryId"));
    if (target.earlier() != null) {
      return target.earlier(); // this execution recorded its attempt, then failed to report it
    }
    if (target.subscriptionDeleted()) {
      store.markCancelled(deliveryId);
      return new AttemptOutcome(0, Result.CANCELLED, null);
    }
    if (!target.subscriptionEnabled()) {
      store.markSubscriptionDisabled(deliveryId);
      return new AttemptOutcome(0, Result.SUBSCRIPTION_DISABLED, null);
    }
    // At-least-once: a crash after the request and before the row below makes the retried
    // activity send again. Receivers deduplicate on the webhook-id header (the delivery id).
    SendResult sent = sender.send(target.url(), deliveryId, target.secrets(), target.body());
    Result result = classify(sent);
    int number =
        store.recordAttempt(
            target,
            attemptKey,
            sent,
            result,
            request.retryInSeconds(),
            settings.disableAfterConsecutiveFailures());
    return new AttemptOutcome(number, result, sent.statusCode());
  }

  @Override
  public void markCancelled(String deliveryId) {
    store.markCancelled(InvalidInput.requireText("deliveryId", deliveryId));
  }

  @Override
  public void recordFinal(FinalState state) {
    String deliveryId = InvalidInput.requireText("deliveryId", state == null ? null : state.deliveryId());
    String status = InvalidInput.requireText("status", state.status());
    if (!WebhookStore.FINAL.contains(status)) {
      throw ApplicationFailure.newNonRetryableFailure(
          "status must be one of " + WebhookStore.FINAL, InvalidInput.TYPE, "status");
    }
    store.recordFinal(deliveryId, status, state.reason());
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
