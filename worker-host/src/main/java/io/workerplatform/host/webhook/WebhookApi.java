package io.workerplatform.host.webhook;

import io.workerplatform.host.relay.RelayProperties;
import io.temporal.client.WorkflowServiceException;
import io.workerplatform.common.ConflictException;
import io.workerplatform.common.Ids;
import io.workerplatform.common.NotFoundException;
import io.workerplatform.host.api.BadRequestException;
import io.workerplatform.host.api.TemporalUnavailableException;
import io.workerplatform.host.api.Validation;
import io.workerplatform.starters.WebhookDeliveries;
import io.workerplatform.webhook.DeliveryView;
import io.workerplatform.webhook.StoredEvent;
import io.workerplatform.webhook.WebhookDeliveryWorkflow;
import io.workerplatform.webhook.WebhookStore;
import java.util.List;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

@RestController
public class WebhookApi {
  record PublishEvent(String id, String type, JsonNode data) {}

  record EventAccepted(String eventId, List<String> deliveryIds) {}

  private final WebhookStore store;
  private final EventPublisher publisher;
  private final WebhookDeliveries deliveries;
  private final RelayProperties relay;

  WebhookApi(
      WebhookStore store,
      EventPublisher publisher,
      WebhookDeliveries deliveries,
      RelayProperties relay) {
    this.store = store;
    this.publisher = publisher;
    this.deliveries = deliveries;
    this.relay = relay;
  }

  @PostMapping("/api/orgs/{orgId}/events")
  ResponseEntity<EventAccepted> publish(@PathVariable String orgId, @RequestBody PublishEvent request) {
    String eventId = request.id() == null ? Ids.newId("evt") : Validation.requireId("id", request.id());
    String type = WebhookSubscriptionApi.requireEventType("type", request.type());
    JsonNode data = request.data();
    if (data != null && !data.isObject()) {
      throw new BadRequestException("data", "must be a JSON object");
    }
    StoredEvent event;
    try {
      event = publisher.publish(orgId, eventId, type, data == null ? "{}" : data.toString());
    } catch (WorkflowServiceException e) {
      throw new TemporalUnavailableException(
          "Temporal is unreachable. The event is stored: publish the same id again, or the relay"
              + " starts its deliveries within " + relay.longestWait(),
          Map.of("eventId", eventId));
    }
    return ResponseEntity.accepted()
        .body(
            new EventAccepted(
                event.eventId(),
                event.deliveries().stream().map(StoredEvent.DeliveryRef::deliveryId).toList()));
  }

  @GetMapping("/api/orgs/{orgId}/webhook-deliveries/{id}")
  public DeliveryView delivery(@PathVariable String orgId, @PathVariable String id) {
    return store.findDelivery(orgId, id).orElseThrow(() -> new NotFoundException("webhook delivery", id));
  }

  @PostMapping("/api/orgs/{orgId}/webhook-deliveries/{id}/redeliver")
  public ResponseEntity<Void> redeliver(@PathVariable String orgId, @PathVariable String id) {
    DeliveryView delivery = delivery(orgId, id);
    if (WebhookDeliveryWorkflow.DELIVERED.equals(delivery.status())) {
      throw new ConflictException("id", "webhook delivery " + id + " was delivered already");
    }
    if (WebhookDeliveryWorkflow.CANCELLED.equals(delivery.status())) {
      throw new ConflictException("id", "webhook delivery " + id + " was cancelled: its subscription is deleted");
    }
    try {
      deliveries.redeliver(new WebhookDeliveries.Delivery(delivery.orgId(), delivery.eventId(), id));
    } catch (WorkflowServiceException e) {
      throw new TemporalUnavailableException("Temporal is unreachable; try again", Map.of("id", id));
    }
    store.markStarted(id);
    return ResponseEntity.accepted().build();
  }


}
