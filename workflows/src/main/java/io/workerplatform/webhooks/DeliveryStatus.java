package io.workerplatform.webhooks;

import java.time.Instant;

/**
 * Live state of a delivery, answered by the {@code status} query and returned as the result.
 *
 * @param status one of {@link WebhookDeliveryWorkflow#PENDING}, {@code SENDING}, {@code WAITING},
 *     {@code DELIVERED}, {@code FAILED}, {@code DISABLED}
 * @param attempts attempts recorded for this delivery so far (across redeliveries)
 * @param nextAttemptAt when the next attempt is due while {@code WAITING}, otherwise null
 */
public record DeliveryStatus(
    String deliveryId, String status, int attempts, Instant nextAttemptAt, Integer lastStatusCode) {}
