package io.workerplatform.events;

import io.temporal.activity.Activity;
import io.temporal.activity.ActivityInfo;
import io.temporal.failure.ApplicationFailure;
import io.workerplatform.common.InvalidInput;
import io.workerplatform.common.PlatformMetrics;
import io.workerplatform.common.TaskQueues;
import io.workerplatform.events.EventPlan.HandlerPlan;
import io.workerplatform.events.EventStore.EventRow;
import java.time.Clock;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

public class EventActivitiesImpl implements EventActivities {
  private static final Logger log = LoggerFactory.getLogger(EventActivitiesImpl.class);
  /** Events read by begin, kept for the handlers that run right after it in this process. */
  private static final int RECENT = 2_000;

  private final EventStore store;
  private final EventHandlers handlers;
  private final JsonMapper json;
  private final Clock clock;
  private final PlatformMetrics metrics;
  private final Map<String, EventRow> recent =
      Collections.synchronizedMap(
          new LinkedHashMap<>(256, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, EventRow> eldest) {
              return size() > RECENT;
            }
          });

  public EventActivitiesImpl(
      EventStore store, EventHandlers handlers, JsonMapper json, Clock clock, PlatformMetrics metrics) {
    this.store = store;
    this.handlers = handlers;
    this.json = json;
    this.clock = clock;
    this.metrics = metrics;
  }

  @Override
  public EventPlan begin(EventRequest request) {
    EventRow row = load(request.orgId(), request.eventId(), false);
    switch (row.status()) {
      case DomainEventWorkflow.CANCELLED, DomainEventWorkflow.PROCESSED -> {
        return new EventPlan(row.status(), row.processAt(), null, List.of());
      }
      case DomainEventWorkflow.SCHEDULED -> {
        if (row.processAt() != null && row.processAt().isAfter(clock.instant())) {
          return new EventPlan(DomainEventWorkflow.SCHEDULED, row.processAt(), null, List.of());
        }
        if (!store.markProcessing(row.id())) {
          return begin(request); // cancelled in between: the row says so now
        }
      }
      default -> {}
    }
    if (row.orderingKey() != null) {
      var before = store.unfinishedBefore(row);
      if (before.isPresent()) {
        return new EventPlan(EventPlan.WAITING, row.processAt(), before.get(), List.of());
      }
    }
    recent.put(key(row.orgId(), row.eventId()), row);
    List<HandlerPlan> plans =
        handlers.forType(row.type()).stream()
            .map(
                h ->
                    new HandlerPlan(
                        h.name(), h.retry().timeout(), h.retry().initialInterval(), h.retry().maximumInterval(),
                        h.retry().maximumAttempts()))
            .toList();
    return new EventPlan(DomainEventWorkflow.PROCESSING, row.processAt(), null, plans);
  }

  @Override
  public int handle(HandlerRun run) {
    ActivityInfo info = Activity.getExecutionContext().getInfo();
    EventHandler handler =
        handlers
            .get(run.handler())
            .orElseThrow(
                () ->
                    ApplicationFailure.newNonRetryableFailure(
                        "no event handler is named " + run.handler(), InvalidInput.TYPE, "handler"));
    EventRow row = load(run.orgId(), run.eventId(), true);
    int attempt = Math.max(1, info.getAttempt()); // from 1 (a test environment may say 0)
    try {
      handler.handle(new HandledEvent(row, json, info.getWorkflowId(), attempt));
      metrics.eventHandled(run.handler(), "DONE");
      return attempt;
    } catch (Exception e) {
      String error = e instanceof EventHandlerException ? e.getMessage() : e.getClass().getSimpleName();
      log.warn("Handler {} failed on event {} (try {}): {}", run.handler(), row.id(), attempt, error);
      metrics.eventHandled(run.handler(), "FAILED_TRY");
      store.recordFailedTry(row, run.handler(), attempt, error);
      throw ApplicationFailure.newFailureWithCause(error, e.getClass().getSimpleName(), null);
    }
  }

  @Override
  public void recordHandlers(HandlerResults results) {
    EventRow row = load(results.orgId(), results.eventId(), true);
    store.recordHandlers(store.dsl(), row, done(results), results.failed(), true);
  }

  @Override
  public String finish(HandlerResults results) {
    EventRow row = load(results.orgId(), results.eventId(), true);
    recent.remove(key(row.orgId(), row.eventId()));
    String next = store.finish(row, done(results), results.failed()).orElse(null);
    metrics.eventProcessed(row.orgId(), row.type(), results.failed().isEmpty() ? "PROCESSED" : "PROCESSED_WITH_FAILURES");
    return next;
  }

  private static Map<String, Integer> done(HandlerResults results) {
    Map<String, Integer> done = new LinkedHashMap<>();
    results.done().forEach(d -> done.put(d.handler(), d.attempts()));
    return done;
  }

  private EventRow load(String orgId, String eventId, boolean cached) {
    InvalidInput.requireText("orgId", orgId);
    InvalidInput.requireText("eventId", eventId);
    if (cached) {
      EventRow row = recent.get(key(orgId, eventId));
      if (row != null) {
        return row;
      }
    }
    return store
        .load(orgId, eventId)
        .orElseThrow(
            () ->
                ApplicationFailure.newNonRetryableFailure(
                    "event " + eventId + " of organization " + orgId + " does not exist", InvalidInput.TYPE,
                    "eventId"));
  }

  private static String key(String orgId, String eventId) {
    return orgId + "/" + eventId;
  }

  static String capability() {
    return TaskQueues.EVENTS;
  }
}
