package io.workerplatform.host.webhook;

import io.workerplatform.common.TaskQueues;
import io.workerplatform.common.DomainEvents;
import io.workerplatform.host.relay.UnstartedRows;
import io.workerplatform.starters.WebhookDeliveries;
import io.workerplatform.starters.WebhookDeliveries.Delivery;
import io.workerplatform.webhook.StoredEvent;
import io.workerplatform.webhook.StoredEvent.DeliveryRef;
import io.workerplatform.webhook.WebhookStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Service;

/**
 * Publishing is two steps that cannot share a transaction: store the event with its deliveries
 * (PostgreSQL), then start their workflows (Temporal). A delivery is marked started only once
 * Temporal accepted it (in batches, see {@link StartedMarks}), so whatever a failure leaves behind
 * is found again by publishing the same event id, or by the relay.
 */
@Service
class EventPublisher implements DomainEvents, UnstartedRows<DeliveryRef> {
  private final WebhookStore store;
  private final WebhookDeliveries deliveries;
  private final StartedMarks startedMarks;

  EventPublisher(WebhookStore store, WebhookDeliveries deliveries, StartedMarks startedMarks) {
    this.store = store;
    this.deliveries = deliveries;
    this.startedMarks = startedMarks;
  }

  /**
   * Stores the event (once) and starts the deliveries not started yet.
   *
   * @throws io.temporal.client.WorkflowServiceException when Temporal is unreachable; the event
   *     and its deliveries are stored by then
   */
  StoredEvent publish(String orgId, String eventId, String type, String dataJson) {
    StoredEvent event = store.storeEvent(orgId, eventId, type, dataJson);
    start(event.deliveries()).forEach(startedMarks::add);
    return event;
  }

  /** For activities that publish (signature outcomes): the same, without the answer. */
  @Override
  public void publishEvent(String orgId, String eventId, String type, String dataJson) {
    publish(orgId, eventId, type, dataJson);
  }

  @Override
  public String what() {
    return "webhook delivery workflow(s)";
  }

  @Override
  public String capability() {
    return TaskQueues.WEBHOOKS;
  }

  /** For the relay: deliveries that a failed publish left stored but not started. */
  @Override
  public List<DeliveryRef> stored(Duration olderThan, int limit) {
    return store.unstartedDeliveries(olderThan, limit);
  }

  @Override
  public String id(DeliveryRef delivery) {
    return delivery.deliveryId();
  }

  @Override
  public void start(DeliveryRef delivery) {
    // Marked at once, not in the next batch of marks: the relay lists again right after this.
    store.markStarted(start(List.of(delivery)));
  }

  /** Starts the deliveries not started yet; returns their ids, for the marks. */
  private List<String> start(List<DeliveryRef> refs) {
    List<String> started = new ArrayList<>();
    for (DeliveryRef ref : refs) {
      if (!ref.started()) {
        deliveries.startDelivery(new Delivery(ref.orgId(), ref.eventId(), ref.deliveryId()));
        started.add(ref.deliveryId());
      }
    }
    return started;
  }
}
