package io.workerplatform.webhook;

import java.util.List;

/**
 * A domain event as stored, with the deliveries fanned out from it.
 *
 * @param created false when the event id was already stored: nothing new was created
 */
public record StoredEvent(String eventId, String orgId, boolean created, List<DeliveryRef> deliveries) {

  /** One delivery row; {@code started} once Temporal accepted its workflow. */
  public record DeliveryRef(String deliveryId, String orgId, String eventId, boolean started) {}
}
