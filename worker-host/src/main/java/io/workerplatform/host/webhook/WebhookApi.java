package io.workerplatform.host.webhook;

import io.temporal.client.WorkflowServiceException;
import io.workerplatform.common.ConflictException;
import io.workerplatform.common.NotFoundException;
import io.workerplatform.host.api.TemporalUnavailableException;
import io.workerplatform.starters.WebhookDeliveries;
import io.workerplatform.webhook.DeliveryView;
import io.workerplatform.webhook.WebhookDeliveryWorkflow;
import io.workerplatform.webhook.WebhookStore;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class WebhookApi {
  private final WebhookStore store;
  private final WebhookDeliveries deliveries;

  WebhookApi(
      WebhookStore store,
      WebhookDeliveries deliveries) {
    this.store = store;
    this.deliveries = deliveries;
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
