package io.workerplatform.host.webhook;

import io.temporal.client.WorkflowServiceException;
import io.workerplatform.common.NotFoundException;
import io.workerplatform.host.api.BadRequestException;
import io.workerplatform.host.api.TemporalUnavailableException;
import io.workerplatform.host.api.Validation;
import io.workerplatform.starters.WebhookDeliveries;
import io.workerplatform.webhook.DeliveryBulkActionStore;
import io.workerplatform.webhook.DeliveryBulkActionWorkflow;
import io.workerplatform.webhook.SubscriptionStore;
import java.net.URI;
import java.time.Instant;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Actions on many deliveries of one subscription, each a workflow with progress: redeliver the
 * failed ones of a period at a bounded rate, cancel the waiting ones. Both answer 202 with the id
 * to poll at {@code GET /api/orgs/{orgId}/webhook-bulk-actions/{id}}.
 */
@RestController
public class DeliveryBulkActionApi {
  public record Period(String since, String until) {}

  private final DeliveryBulkActionStore actions;
  private final SubscriptionStore subscriptions;
  private final WebhookDeliveries deliveries;

  DeliveryBulkActionApi(
      DeliveryBulkActionStore actions, SubscriptionStore subscriptions, WebhookDeliveries deliveries) {
    this.actions = actions;
    this.subscriptions = subscriptions;
    this.deliveries = deliveries;
  }

  /** Body optional: {@code since} and {@code until} bound the deliveries' creation time. */
  @PostMapping("/api/orgs/{orgId}/webhook-subscriptions/{id}/redeliver-failed")
  public ResponseEntity<DeliveryBulkActionStore.Action> redeliverFailed(
      @PathVariable String orgId, @PathVariable String id, @RequestBody(required = false) Period period) {
    Instant since = period == null ? null : Validation.instantOrNull("since", period.since());
    Instant until = period == null ? null : Validation.instantOrNull("until", period.until());
    if (since != null && until != null && !since.isBefore(until)) {
      throw new BadRequestException("until", "must be after since");
    }
    return start(orgId, id, DeliveryBulkActionWorkflow.REDELIVER_FAILED, since, until);
  }

  @PostMapping("/api/orgs/{orgId}/webhook-subscriptions/{id}/cancel-waiting")
  ResponseEntity<DeliveryBulkActionStore.Action> cancelWaiting(@PathVariable String orgId, @PathVariable String id) {
    return start(orgId, id, DeliveryBulkActionWorkflow.CANCEL_WAITING, null, null);
  }

  @GetMapping("/api/orgs/{orgId}/webhook-bulk-actions/{id}")
  DeliveryBulkActionStore.Action get(@PathVariable String orgId, @PathVariable String id) {
    return actions.find(orgId, id).orElseThrow(() -> new NotFoundException("webhook bulk action", id));
  }

  private ResponseEntity<DeliveryBulkActionStore.Action> start(
      String orgId, String subscriptionId, String kind, Instant since, Instant until) {
    subscriptions
        .find(orgId, subscriptionId)
        .orElseThrow(() -> new NotFoundException("webhook subscription", subscriptionId));
    String actionId = actions.create(orgId, subscriptionId, kind, since, until);
    try {
      deliveries.startBulkAction(orgId, actionId, subscriptionId, kind);
    } catch (WorkflowServiceException e) {
      actions.delete(actionId); // nothing half-done: the caller asks again
      throw new TemporalUnavailableException("Temporal is unreachable; try again", Map.of("id", subscriptionId));
    }
    return ResponseEntity.accepted()
        .location(URI.create("/api/orgs/" + orgId + "/webhook-bulk-actions/" + actionId))
        .body(actions.find(actionId).orElseThrow());
  }
}
