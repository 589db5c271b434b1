package io.workerplatform.events;

import io.temporal.activity.Activity;
import io.temporal.activity.ActivityInfo;
import io.temporal.failure.ApplicationFailure;
import io.workerplatform.common.DatabaseErrors;
import io.workerplatform.common.Failures;
import io.workerplatform.common.InvalidInput;
import io.workerplatform.common.PlatformMetrics;
import io.workerplatform.events.EventOutcome.HandlerPlan;
import io.workerplatform.events.EventStore.EventRow;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;
import java.util.Optional;

public class EventActivitiesImpl implements EventActivities {
  private static final Logger log = LoggerFactory.getLogger(EventActivitiesImpl.class);

  private final EventStore store;
  private final EventProgress progress;
  private final EventHandlers handlers;
  private final JsonMapper json;
  private final Clock clock;
  private final PlatformMetrics metrics;

  public EventActivitiesImpl(
      EventStore store, EventHandlers handlers, JsonMapper json, Clock clock, PlatformMetrics metrics) {
    this.store = store;
    this.progress = store.progress();
    this.handlers = handlers;
    this.json = json;
    this.clock = clock;
    this.metrics = metrics;
  }

  @Override
  public EventOutcome process(EventRequest request) {
    EventRow row = load(request.orgId(), request.eventId(), request.id());
    switch (row.status()) {
      case DomainEventWorkflow.CANCELLED, DomainEventWorkflow.PROCESSED -> {
        return outcome(row.status(), row, null, null, List.of(), List.of(), List.of());
      }
      case DomainEventWorkflow.SCHEDULED -> {
        if (row.processAt() != null && row.processAt().isAfter(clock.instant())) {
          return outcome(DomainEventWorkflow.SCHEDULED, row, null, null, List.of(), List.of(), List.of());
        }
        if (!progress.markProcessing(row) || row.orderingKey() != null) {
          // cancelled in between: the row says so now; or due with a new place in its key's order
          return process(request);
        }
      }
      default -> {}
    }
    if (row.orderingKey() != null) {
      var before = progress.unfinishedBefore(row);
      if (before.isPresent()) {
        return outcome(EventOutcome.WAITING, row, before.get(), null, List.of(), List.of(), List.of());
      }
    }
    String workflowId = Activity.getExecutionContext().getInfo().getWorkflowId();
    List<EventHandler> selected = handlers.forType(row.type());
    Map<EventHandler, Exception> failures = runAll(row, workflowId, selected);
    List<String> done = new ArrayList<>();
    List<String> failed = new ArrayList<>();
    List<HandlerPlan> retry = new ArrayList<>();
    for (EventHandler handler : selected) {
      Exception failure = failures.get(handler);
      if (failure == null) {
        done.add(handler.name());
      } else if (handler.retry().maximumAttempts() > 1 && !nonRetryable(failure)) {
        HandlerRetry r = handler.retry();
        retry.add(new HandlerPlan(handler.name(), r.timeout(), r.initialInterval(), r.maximumInterval(), r.maximumAttempts()));
      } else {
        failed.add(handler.name());
      }
    }
    if (retry.isEmpty()) {
      Map<String, Integer> ends = new LinkedHashMap<>();
      done.forEach(h -> ends.put(h, 1));
      String next = progress.finish(row, ends, failed).orElse(null);
      metrics.eventProcessed(row.orgId(), row.type(), failed.isEmpty() ? "PROCESSED" : "PROCESSED_WITH_FAILURES");
      return outcome(DomainEventWorkflow.PROCESSED, row, null, next, done, failed, List.of());
    }
    // Some retry: the page shows the others ended while they do.
    Map<String, Integer> ended = new LinkedHashMap<>();
    done.forEach(h -> ended.put(h, 1));
    progress.recordHandlers(row, ended, failed);
    return outcome(DomainEventWorkflow.PROCESSING, row, null, null, done, failed, retry);
  }

  /**
   * Each handler once, one after the other on this thread, so that each one's log lines and spans
   * carry the workflow's fields and trace (a thread of their own would lose both); their
   * failures, by handler, each recorded on the event as a failed try.
   */
  private Map<EventHandler, Exception> runAll(EventRow row, String workflowId, List<EventHandler> selected) {
    Map<EventHandler, Exception> failures = new LinkedHashMap<>();
    for (EventHandler handler : selected) {
      run(row, workflowId, handler, 1).ifPresent(e -> failures.put(handler, e));
    }
    return failures;
  }

  /** One try of one handler; its failure, recorded, or empty. */
  private Optional<Exception> run(EventRow row, String workflowId, EventHandler handler, int attempt) {
    try {
      handler.handle(new HandledEvent(row, json, workflowId, attempt));
      metrics.eventHandled(handler.name(), "DONE");
      return Optional.empty();
    } catch (Exception e) {
      String error = safeError(e);
      log.warn("Handler {} failed on event {} (try {}): {}", handler.name(), row.id(), attempt, error);
      metrics.eventHandled(handler.name(), "FAILED_TRY");
      progress.recordFailedTry(row, handler.name(), attempt, error);
      return Optional.of(e);
    }
  }

  @Override
  public int handle(HandlerRun run) {
    try {
      return handleOnce(run);
    } catch (RuntimeException e) {
      if (!(e instanceof ApplicationFailure) && DatabaseErrors.isUnavailable(e)) {
        throw databaseUnavailable();
      }
      throw e;
    }
  }

  /** Not the handler's failure: the workflow waits for the database without spending a try. */
  private static ApplicationFailure databaseUnavailable() {
    return ApplicationFailure.newFailure("the database cannot be reached", Failures.DATABASE_UNAVAILABLE);
  }

  private int handleOnce(HandlerRun run) {
    ActivityInfo info = Activity.getExecutionContext().getInfo();
    EventHandler handler =
        handlers
            .get(run.handler())
            .orElseThrow(
                () ->
                    ApplicationFailure.newNonRetryableFailure(
                        "no event handler is named " + run.handler(), InvalidInput.TYPE, "handler"));
    EventRow row = load(run.orgId(), run.eventId(), null);
    int attempt = run.triesBefore() + Math.max(1, info.getAttempt()); // a test environment may say 0
    Optional<Exception> failure = run(row, info.getWorkflowId(), handler, attempt);
    if (failure.isPresent()) {
      Exception e = failure.get();
      if (DatabaseErrors.isUnavailable(e)) {
        throw databaseUnavailable();
      }
      if (nonRetryable(e)) {
        throw ApplicationFailure.newNonRetryableFailureWithCause(safeError(e), e.getClass().getSimpleName(), null);
      }
      throw ApplicationFailure.newFailureWithCause(safeError(e), e.getClass().getSimpleName(), null);
    }
    return attempt;
  }

  @Override
  public String finish(HandlerResults results) {
    EventRow row = load(results.orgId(), results.eventId(), null);
    Map<String, Integer> done = new LinkedHashMap<>();
    results.done().forEach(d -> done.put(d.handler(), d.attempts()));
    String next = progress.finish(row, done, results.failed()).orElse(null);
    metrics.eventProcessed(row.orgId(), row.type(), results.failed().isEmpty() ? "PROCESSED" : "PROCESSED_WITH_FAILURES");
    return next;
  }

  @Override
  public List<HandlerRun> beginRetry(RetryRequest request) {
    InvalidInput.requireText("orgId", request == null ? null : request.orgId());
    EventRow row = load(request.orgId(), InvalidInput.requireText("eventId", request.eventId()), null);
    return progress.beginRetry(row, request.handler()).entrySet().stream()
        .map(e -> new HandlerRun(row.orgId(), request.eventId(), e.getKey(), e.getValue()))
        .toList();
  }

  @Override
  public void endRetry(HandlerResults results) {
    EventRow row = load(results.orgId(), results.eventId(), null);
    Map<String, Integer> done = new LinkedHashMap<>();
    results.done().forEach(d -> done.put(d.handler(), d.attempts()));
    progress.recordHandlers(row, done, results.failed());
  }

  @Override
  public String release(EventRequest request, String status) {
    if (!DomainEventWorkflow.FAILED.equals(status) && !DomainEventWorkflow.CANCELLED.equals(status)) {
      throw ApplicationFailure.newNonRetryableFailure("status must be FAILED or CANCELLED", InvalidInput.TYPE, "status");
    }
    EventRow row = load(request.orgId(), request.eventId(), request.id());
    if (progress.release(row, status)) {
      metrics.eventProcessed(row.orgId(), row.type(), status);
    }
    return progress.nextAfter(row).orElse(null);
  }

  /** A handler's error as the event's page shows it: its own safe message, or its class only. */
  private static String safeError(Exception e) {
    return e instanceof EventHandlerException ? e.getMessage() : e.getClass().getSimpleName();
  }

  private static boolean nonRetryable(Exception e) {
    return e instanceof ApplicationFailure f && f.isNonRetryable();
  }

  private static EventOutcome outcome(
      String status, EventRow row, String waitingFor, String next, List<String> done, List<String> failed,
      List<HandlerPlan> retry) {
    return new EventOutcome(status, row.processAt(), waitingFor, next, done, failed, retry);
  }

  private EventRow load(String orgId, String eventId, String id) {
    InvalidInput.requireText("orgId", orgId);
    InvalidInput.requireText("eventId", eventId);
    return progress
        .load(orgId, eventId, id)
        .orElseThrow(
            () ->
                ApplicationFailure.newNonRetryableFailure(
                    "event " + eventId + " of organization " + orgId + " does not exist", InvalidInput.TYPE,
                    "eventId"));
  }
}
