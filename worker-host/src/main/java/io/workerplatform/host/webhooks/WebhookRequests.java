package io.workerplatform.host.webhooks;

import io.temporal.client.WorkflowServiceException;
import io.workerplatform.common.ConflictException;
import io.workerplatform.common.NotFoundException;
import io.workerplatform.host.api.TemporalUnavailableException;
import io.workerplatform.outbox.Outbox;
import io.workerplatform.starters.WebhookDeliveries;
import io.workerplatform.webhooks.DeliveryBulkActionStore;
import io.workerplatform.webhooks.DeliveryView;
import io.workerplatform.webhooks.SubscriptionStore;
import io.workerplatform.webhooks.WebhookDeliveryWorkflow;
import io.workerplatform.webhooks.WebhookStore;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;

/**
 * A delivery's view and its redelivery, and the bulk actions over a subscription's deliveries:
 * what the REST API and the console both call.
 */
@Service
public class WebhookRequests {
  private final WebhookStore store;
  private final WebhookDeliveries deliveries;
  private final DeliveryBulkActionStore actions;
  private final SubscriptionStore subscriptions;
  private final Outbox outbox;

  WebhookRequests(
      WebhookStore store, WebhookDeliveries deliveries, DeliveryBulkActionStore actions, SubscriptionStore subscriptions,
      Outbox outbox) {
    this.store = store;
    this.deliveries = deliveries;
    this.actions = actions;
    this.subscriptions = subscriptions;
    this.outbox = outbox;
  }

  public DeliveryView delivery(String orgId, String id) {
    return store.findDelivery(orgId, id).orElseThrow(() -> new NotFoundException("webhook delivery", id));
  }

  /** A new attempt now; 409 for a delivered or cancelled one. */
  public void redeliver(String orgId, String id) {
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
    outbox.markStarted(WebhookStore.OUTBOX, List.of(id));
  }

  /**
   * Starts a bulk action ({@code DeliveryBulkActionWorkflow.REDELIVER_FAILED} or {@code
   * CANCEL_WAITING}) over the subscription's deliveries created in the period; nothing is left
   * half-done when Temporal does not answer.
   */
  public DeliveryBulkActionStore.Action startBulkAction(
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
    return actions.find(actionId).orElseThrow();
  }

  public DeliveryBulkActionStore.Action bulkAction(String orgId, String id) {
    return actions.find(orgId, id).orElseThrow(() -> new NotFoundException("webhook bulk action", id));
  }
}
