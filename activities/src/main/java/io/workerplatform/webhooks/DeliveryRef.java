package io.workerplatform.webhooks;

/** One delivery row with its organization and event; {@code started} once Temporal accepted its workflow. */
public record DeliveryRef(String deliveryId, String orgId, String eventId, boolean started) {}
