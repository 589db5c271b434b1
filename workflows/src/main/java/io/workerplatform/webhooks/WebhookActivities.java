package io.workerplatform.webhooks;

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

  /**
   * Writes a final state that no attempt recorded (cancelled, or given up after an outage) to the
   * delivery's row, unless the row has ended already; idempotent.
   */
  @ActivityMethod
  void recordFinal(FinalState state);

  /** @param reason why it ended, for the row's last error (ids and categories only) */
  record FinalState(String deliveryId, String status, String reason) {}
}
