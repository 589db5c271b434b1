package io.workerplatform.host.events;

import io.temporal.client.WorkflowServiceException;
import io.workerplatform.common.Ids;
import io.workerplatform.common.NotFoundException;
import io.workerplatform.common.Page;
import io.workerplatform.events.EventHandlers;
import io.workerplatform.events.EventStore;
import io.workerplatform.events.EventStore.EventView;
import io.workerplatform.events.EventStore.NewEvent;
import io.workerplatform.events.EventStore.StoredEvent;
import io.workerplatform.events.EventTypes;
import io.workerplatform.host.api.BadRequestException;
import io.workerplatform.host.api.Schedules;
import io.workerplatform.host.api.Validation;
import io.workerplatform.host.webhook.WebhookSubscriptionApi;
import io.workerplatform.starters.EventProcessing;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/** Publishing domain events, reading them with their handlers' state, cancelling delayed ones. */
@RestController
public class EventApi {
  private static final Logger log = LoggerFactory.getLogger(EventApi.class);

  record PublishEvent(
      String id, String type, JsonNode data, String entityId, String actor, String processAt, String delay,
      String orderingKey) {}

  /** {@code start}: {@code STARTED}, or {@code WAITING_TO_START} when the relay will start it. */
  record EventAccepted(String eventId, String status, Instant processAt, List<String> deliveryIds, String start) {}

  record EventType(String type, String description, boolean lowPriority, JsonNode schema) {}

  private final EventPublisher publisher;
  private final EventStore store;
  private final EventTypes types;
  private final EventHandlers handlers;
  private final EventProcessing processing;
  private final EventsProperties properties;
  private final Clock clock;

  EventApi(
      EventPublisher publisher, EventStore store, EventTypes types, EventHandlers handlers,
      EventProcessing processing, EventsProperties properties, Clock clock) {
    this.publisher = publisher;
    this.store = store;
    this.types = types;
    this.handlers = handlers;
    this.processing = processing;
    this.properties = properties;
    this.clock = clock;
  }

  @PostMapping("/api/orgs/{orgId}/events")
  ResponseEntity<EventAccepted> publish(@PathVariable String orgId, @RequestBody PublishEvent request) {
    String eventId = request.id() == null ? Ids.newId("evt") : Validation.requireId("id", request.id());
    String type = WebhookSubscriptionApi.requireEventType("type", request.type());
    if (!properties.allowUndeclaredTypes() && !types.isDeclared(type)) {
      throw new BadRequestException("type", "is not a declared event type (GET /api/event-types lists them)");
    }
    JsonNode data = request.data();
    if (data != null && !data.isObject()) {
      throw new BadRequestException("data", "must be a JSON object");
    }
    if (data != null) {
      types.check(type, data).ifPresent(p -> {
        throw new BadRequestException(p.field(), p.message());
      });
    }
    NewEvent event =
        new NewEvent(
            orgId, eventId, type, data == null ? "{}" : data.toString(),
            request.entityId() == null ? null : Validation.requireId("entityId", request.entityId()),
            request.actor() == null ? null : Validation.requireId("actor", request.actor()),
            Schedules.at("processAt", request.processAt(), request.delay(), clock.instant()),
            orderingKey("orderingKey", request.orderingKey()));
    EventPublisher.Published published = publisher.publishStored(event);
    StoredEvent stored = published.stored();
    return ResponseEntity.accepted()
        .body(new EventAccepted(
            stored.eventId(), stored.status(), stored.processAt(), stored.deliveryIds(), published.start()));
  }

  /** Letters, digits and {@code . _ : / -}, such as {@code petition/pet_42}. */
  private static final java.util.regex.Pattern ORDERING_KEY = java.util.regex.Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:/-]{0,199}");

  static String orderingKey(String field, String value) {
    if (value == null) {
      return null;
    }
    if (!ORDERING_KEY.matcher(value).matches()) {
      throw new BadRequestException(
          field, "must be 1 to 200 letters, digits, '.', '_', ':', '/' or '-', starting with a letter or digit");
    }
    return value;
  }

  @GetMapping("/api/orgs/{orgId}/events/{id}")
  public EventView event(@PathVariable String orgId, @PathVariable String id) {
    return store.find(orgId, id, handlers::namesForType).orElseThrow(() -> new NotFoundException("event", id));
  }

  /** Cancels a scheduled event: 200 with the event, 409 once it is processing or done. */
  @DeleteMapping("/api/orgs/{orgId}/events/{id}")
  public EventView cancel(@PathVariable String orgId, @PathVariable String id) {
    store.cancel(orgId, id);
    try {
      processing.cancelled(orgId, id);
    } catch (WorkflowServiceException e) {
      // The row decides: the workflow finds it cancelled when its timer fires.
      log.warn("Event {} is cancelled; its workflow will see it when it is due: {}", id, e.getClass().getSimpleName());
    }
    return event(orgId, id);
  }

  @GetMapping("/api/event-types")
  Page<EventType> eventTypes() {
    return new Page<>(
        types.all().stream()
            .map(t -> new EventType(t.type(), t.description(), properties.lowPriority(t.type()), t.schema()))
            .toList(),
        null);
  }
}
