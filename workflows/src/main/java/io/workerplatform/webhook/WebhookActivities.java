package io.workerplatform.webhook;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

@ActivityInterface
public interface WebhookActivities {

  /**
   * Sends the delivery's event to its subscription once and records the attempt, the delivery's
   * new state and the subscription's health. Idempotent per activity execution: a retry after a
   * crash finds the attempt it recorded and returns it. Non-2xx answers are outcomes, not
   * failures; only infrastructure errors (database down) fail the activity.
   */
  @ActivityMethod
  AttemptOutcome attempt(AttemptRequest request);

  /** Records that the delivery ended CANCELLED (its subscription was deleted); idempotent. */
  @ActivityMethod
  void markCancelled(String deliveryId);
}
