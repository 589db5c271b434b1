package io.workerplatform.webhooks;

import io.temporal.testing.WorkflowReplayer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Histories recorded from earlier versions must keep replaying on the current workflow code: the
 * plain ones ran attempts as regular activities, the {@code -local} ones as local activities.
 */
class WebhookDeliveryReplayTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "webhook-delivery-failed",
        "webhook-delivery-gone",
        "webhook-delivery-redelivered",
        "webhook-delivery-failed-local",
        "webhook-delivery-gone-local",
        "webhook-delivery-redelivered-local",
        "webhook-delivery-cancelled-local",
        "webhook-delivery-outage",
        "webhook-delivery-after-first-attempt",
        "webhook-delivery-cancelled-recorded"
      })
  void replays(String history) throws Exception {
    WorkflowReplayer.replayWorkflowExecutionFromResource(
        "histories/" + history + ".json", WebhookDeliveryWorkflowImpl.class);
  }
}
