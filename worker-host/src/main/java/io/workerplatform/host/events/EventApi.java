package io.workerplatform.host.events;

import io.workerplatform.host.work.WorkQueries;
import org.springframework.web.bind.annotation.RequestParam;
import io.workerplatform.events.EventWork;
import org.jooq.Condition;
import org.jooq.impl.DSL;
import io.workerplatform.common.Ids;
import io.workerplatform.common.Page;
import io.workerplatform.events.EventStore.EventView;
import io.workerplatform.events.EventStore.NewEvent;
import io.workerplatform.events.EventStore.StoredEvent;
import io.workerplatform.events.EventTypes;
import io.workerplatform.host.api.BadRequestException;
import io.workerplatform.host.api.Schedules;
import io.workerplatform.host.api.Validation;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
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
class EventApi {
  record PublishEvent(
      String id, String type, JsonNode data, String entityId, String actor, String processAt, String delay,
      String orderingKey) {}

  /** {@code start}: {@code STARTED}, or {@code WAITING_TO_START} when the relay will start it. */
  record EventAccepted(String eventId, String status, Instant processAt, List<String> deliveryIds, String start) {}

  record EventType(String type, String description, boolean lowPriority, JsonNode schema) {}

  private final EventPublisher publisher;
  private final EventRequests requests;
  private final EventTypes types;
  private final EventsProperties properties;
  private final Clock clock;

  private final WorkQueries work;

  EventApi(
      EventPublisher publisher, EventRequests requests, EventTypes types, EventsProperties properties, Clock clock, WorkQueries work) {
    this.work = work;
    this.publisher = publisher;
    this.requests = requests;
    this.types = types;
    this.properties = properties;
    this.clock = clock;
  }

  @PostMapping("/api/orgs/{orgId}/events")
  ResponseEntity<EventAccepted> publish(@PathVariable String orgId, @RequestBody PublishEvent request) {
    String eventId = request.id() == null ? Ids.newId("evt") : Validation.requireId("id", request.id());
    String type = Validation.requireEventType("type", request.type());
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
            Validation.orderingKey("orderingKey", request.orderingKey()));
    EventPublisher.Published published = publisher.publishStored(event);
    StoredEvent stored = published.stored();
    return ResponseEntity.accepted()
        .body(new EventAccepted(
            stored.eventId(), stored.status(), stored.processAt(), stored.deliveryIds(), published.start()));
  }

  @GetMapping("/api/orgs/{orgId}/events/{id}")
  EventView event(@PathVariable String orgId, @PathVariable String id) {
    return requests.event(orgId, id);
  }

  /** Cancels a scheduled event: 200 with the event, 409 once it is processing or done. */
  @DeleteMapping("/api/orgs/{orgId}/events/{id}")
  EventView cancel(@PathVariable String orgId, @PathVariable String id) {
    return requests.cancel(orgId, id);
  }

  record RetryInput(String handler) {}

  /**
   * Runs the event's failed handlers again, or the one named ({@code {"handler":"webhooks"}}): 202
   * with the handlers and the retry's workflow. It does not take the event's ordering key again.
   */
  @PostMapping("/api/orgs/{orgId}/events/{id}/retry")
  ResponseEntity<EventRequests.RetryStarted> retry(
      @PathVariable String orgId, @PathVariable String id, @RequestBody(required = false) RetryInput input) {
    String handler = input == null || input.handler() == null ? null
        : Validation.requireText("handler", input.handler(), Validation.MAX_TEXT_LENGTH);
    return ResponseEntity.accepted().body(requests.retry(orgId, id, handler));
  }

  @GetMapping("/api/event-types")
  Page<EventType> eventTypes() {
    return new Page<>(
        types.all().stream()
            .map(t -> new EventType(t.type(), t.description(), properties.lowPriority(t.type()), t.schema()))
            .toList(),
        null);
  }

  /**
   * The organization's events, also by type ({@code ?type=petition.completed}) and by a handler's
   * status ({@code ?handlerStatus=FAILED}: the dead letters, to retry), newest first.
   */
  @GetMapping("/api/orgs/{orgId}/events")
  Page<EventWork.Event> list(
      @PathVariable String orgId, @RequestParam(required = false) String type,
      @RequestParam(required = false) String status, @RequestParam(required = false) String handlerStatus,
      @RequestParam(required = false) String since, @RequestParam(required = false) String until,
      @RequestParam(required = false) Integer limit, @RequestParam(required = false) String cursor) {
    Condition ofType =
        type == null || type.isBlank() ? DSL.noCondition() : EventWork.ofType(Validation.requireEventType("type", type));
    if (handlerStatus != null && !EventWork.HANDLER_STATUSES.contains(handlerStatus)) {
      throw new BadRequestException("handlerStatus", "must be one of " + String.join(", ", EventWork.HANDLER_STATUSES));
    }
    Condition ofHandlers = handlerStatus == null ? DSL.noCondition() : EventWork.withHandler(handlerStatus);
    return work.list(EventWork.KIND, orgId, ofType.and(ofHandlers), status, since, until, limit, cursor);
  }
}
