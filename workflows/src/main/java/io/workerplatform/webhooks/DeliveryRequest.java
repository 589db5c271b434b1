package io.workerplatform.webhooks;

import java.time.Duration;
import java.util.List;
import io.workerplatform.common.Failures;

/**
 * Input of {@link WebhookDeliveryWorkflow}: the id of a delivery row; the event payload and the
 * endpoint stay in PostgreSQL, out of the workflow history. The settings the workflow needs travel
 * here, so a replay sees the values the run started with: {@code retryDelays}, the waits before
 * attempts 2, 3, ... (null: {@link WebhookDeliveryWorkflowImpl#RETRY_DELAYS}); {@code
 * outageTolerance}, how long an attempt that cannot run (the database is down) or the write of a
 * final state is tried again before the delivery gives up (null: 24 hours); {@code attemptsMade},
 * the attempts made before the workflow started (null: none): an event's workflow makes each
 * delivery's first attempt itself and starts this workflow only when a retry is needed, which then
 * begins with the wait before attempt {@code attemptsMade + 1}.
 */
public record DeliveryRequest(
    String deliveryId, List<Duration> retryDelays, Duration outageTolerance, Integer attemptsMade) {

  public static final Duration DEFAULT_OUTAGE_TOLERANCE = Failures.OUTAGE_TOLERANCE;

  /** A delivery with the default schedule. */
  public DeliveryRequest(String deliveryId) {
    this(deliveryId, null, null, null);
  }

  public DeliveryRequest(String deliveryId, List<Duration> retryDelays, Duration outageTolerance) {
    this(deliveryId, retryDelays, outageTolerance, null);
  }
}
