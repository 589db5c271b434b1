package io.workerplatform.webhook;

/**
 * Input of {@link WebhookDeliveryWorkflow}: the id of a delivery row, nothing else. The event
 * payload and the endpoint stay in PostgreSQL, out of the workflow history.
 */
public record DeliveryRequest(String deliveryId) {}
