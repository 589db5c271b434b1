package io.workerplatform.events;

import io.temporal.activity.Activity;
import io.temporal.failure.ApplicationFailure;
import io.workerplatform.common.Failures;
import io.workerplatform.common.InvalidInput;
import io.workerplatform.events.EventOutcome.HandlerPlan;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Events and handlers in memory, as the PostgreSQL-backed activities keep them: statuses, due
 * times, ordering keys in acceptance order, and handlers that fail a set number of times.
 */
class ScriptedEventActivities implements EventActivities {
  static final class Event {
    final String orgId;
    final String eventId;
    final long seq;
    volatile String status;
    final Instant processAt;
    final String orderingKey;

    Event(String orgId, String eventId, long seq, String status, Instant processAt, String orderingKey) {
      this.orgId = orgId;
      this.eventId = eventId;
      this.seq = seq;
      this.status = status;
      this.processAt = processAt;
      this.orderingKey = orderingKey;
    }
  }

  /** A handler: fails its first {@code failures} tries (all of them when negative). */
  record Handler(String name, int failures, HandlerPlan plan) {
    static Handler ok(String name) {
      return new Handler(name, 0, plan(name, Duration.ofSeconds(1), 5));
    }

    static Handler failing(String name, int failures, Duration initialInterval, int maximumAttempts) {
      return new Handler(name, failures, plan(name, initialInterval, maximumAttempts));
    }

    static HandlerPlan plan(String name, Duration initialInterval, int maximumAttempts) {
      return new HandlerPlan(name, Duration.ofSeconds(10), initialInterval, Duration.ofMinutes(10), maximumAttempts);
    }
  }

  /** What happened, in order: "process evt", "handle evt audit 1", "finish evt". */
  final List<String> calls = Collections.synchronizedList(new ArrayList<>());
  final Map<String, Event> events = new ConcurrentHashMap<>();
  final List<Handler> handlers;
  final List<HandlerResults> finished = Collections.synchronizedList(new ArrayList<>());
  /** Server time when each handler try ran, by "eventId handler". */
  final Map<String, List<Instant>> tryTimes = new ConcurrentHashMap<>();
  /** Events whose processing step fails for good (as its retries, run out after a day without a database, do). */
  final java.util.Set<String> broken = ConcurrentHashMap.newKeySet();
  /** Until this server time (epoch millis) a handler's retry cannot reach the database. */
  volatile long databaseBackAt;
  /** Server time of each retry that found the database down, by "eventId handler". */
  final Map<String, List<Instant>> outageTimes = new ConcurrentHashMap<>();
  /** Held by a handler named "slow" until released. */
  final CountDownLatch slow = new CountDownLatch(1);
  private final LongSupplier serverTime;
  private long nextSeq = 1;

  ScriptedEventActivities(LongSupplier serverTime, Handler... handlers) {
    this.serverTime = serverTime;
    this.handlers = List.of(handlers);
  }

  synchronized Event add(String eventId, Instant processAt, String orderingKey) {
    return add("org_1", eventId, processAt, orderingKey);
  }

  synchronized Event add(String orgId, String eventId, Instant processAt, String orderingKey) {
    Event e =
        new Event(
            orgId, eventId, nextSeq++,
            processAt == null ? DomainEventWorkflow.PROCESSING : DomainEventWorkflow.SCHEDULED, processAt,
            orderingKey);
    events.put(eventId, e);
    return e;
  }

  @Override
  public EventOutcome process(EventRequest request) {
    Event e;
    synchronized (this) {
      calls.add("process " + request.eventId());
      if (broken.contains(request.eventId())) {
        throw ApplicationFailure.newNonRetryableFailure("the database is unavailable", "DatabaseUnavailable");
      }
      e = events.get(request.eventId());
      if (e == null || !e.orgId.equals(request.orgId())) {
        throw ApplicationFailure.newNonRetryableFailure("no such event", InvalidInput.TYPE, "eventId");
      }
      if (e.status.equals(DomainEventWorkflow.CANCELLED) || e.status.equals(DomainEventWorkflow.PROCESSED)) {
        return new EventOutcome(e.status, e.processAt, null, null, List.of(), List.of(), List.of());
      }
      if (e.status.equals(DomainEventWorkflow.SCHEDULED)) {
        if (e.processAt.toEpochMilli() > serverTime.getAsLong()) {
          return new EventOutcome(DomainEventWorkflow.SCHEDULED, e.processAt, null, null, List.of(), List.of(), List.of());
        }
        e.status = DomainEventWorkflow.PROCESSING;
      }
      if (e.orderingKey != null) {
        var before =
            events.values().stream()
                .filter(o -> e.orderingKey.equals(o.orderingKey) && o.seq < e.seq)
                .filter(o -> o.status.equals(DomainEventWorkflow.PROCESSING))
                .min((x, y) -> Long.compare(x.seq, y.seq));
        if (before.isPresent()) {
          return new EventOutcome(EventOutcome.WAITING, e.processAt, before.get().eventId, null, List.of(), List.of(), List.of());
        }
      }
    }
    List<String> done = new ArrayList<>();
    List<String> failed = new ArrayList<>();
    List<HandlerPlan> retry = new ArrayList<>();
    for (Handler h : handlers) {
      if (tryHandler(request.eventId(), h, 1)) {
        done.add(h.name());
      } else if (h.plan().maximumAttempts() > 1) {
        retry.add(h.plan());
      } else {
        failed.add(h.name());
      }
    }
    if (!retry.isEmpty()) {
      return new EventOutcome(DomainEventWorkflow.PROCESSING, e.processAt, null, null, done, failed, retry);
    }
    List<HandlerResults.Done> ends = done.stream().map(h -> new HandlerResults.Done(h, 1)).toList();
    String next = finish(new HandlerResults(request.orgId(), request.eventId(), ends, failed));
    return new EventOutcome(DomainEventWorkflow.PROCESSED, e.processAt, null, next, done, failed, List.of());
  }

  /** One try; false when the handler fails it. */
  private boolean tryHandler(String eventId, Handler handler, int attempt) {
    calls.add("handle " + eventId + " " + handler.name() + " " + attempt);
    tryTimes.computeIfAbsent(eventId + " " + handler.name(), k -> Collections.synchronizedList(new ArrayList<>()))
        .add(Instant.ofEpochMilli(serverTime.getAsLong()));
    if (handler.name().equals("slow")) {
      try {
        slow.await(30, TimeUnit.SECONDS);
      } catch (InterruptedException x) {
        Thread.currentThread().interrupt();
      }
    }
    return !(handler.failures() < 0 || attempt <= handler.failures());
  }

  @Override
  public int handle(HandlerRun run) {
    int attempt = run.triesBefore() + Activity.getExecutionContext().getInfo().getAttempt();
    Handler handler = handlers.stream().filter(h -> h.name().equals(run.handler())).findFirst().orElseThrow();
    if (serverTime.getAsLong() < databaseBackAt) {
      outageTimes.computeIfAbsent(run.eventId() + " " + run.handler(), k -> Collections.synchronizedList(new ArrayList<>()))
          .add(Instant.ofEpochMilli(serverTime.getAsLong()));
      throw ApplicationFailure.newFailure("the database cannot be reached", Failures.DATABASE_UNAVAILABLE);
    }
    if (!tryHandler(run.eventId(), handler, attempt)) {
      throw new IllegalStateException("handler " + run.handler() + " failed try " + attempt);
    }
    return attempt;
  }

  @Override
  public synchronized String finish(HandlerResults results) {
    calls.add("finish " + results.eventId());
    finished.add(results);
    Event e = events.get(results.eventId());
    e.status = DomainEventWorkflow.PROCESSED;
    return next(e);
  }

  @Override
  public synchronized String release(EventRequest request, String status) {
    calls.add("release " + request.eventId() + " " + status);
    Event e = events.get(request.eventId());
    if (e.status.equals(DomainEventWorkflow.SCHEDULED) || e.status.equals(DomainEventWorkflow.PROCESSING)) {
      e.status = status;
    }
    return next(e);
  }

  private String next(Event e) {
    if (e.orderingKey == null) {
      return null;
    }
    return events.values().stream()
        .filter(o -> e.orderingKey.equals(o.orderingKey) && o.seq > e.seq)
        .filter(o -> o.status.equals(DomainEventWorkflow.PROCESSING))
        .min((a, b) -> Long.compare(a.seq, b.seq))
        .map(o -> o.eventId)
        .orElse(null);
  }

  /** The calls of one kind ("handle", "finish", ...), for one event. */
  List<String> calls(String kind, String eventId) {
    synchronized (calls) {
      return calls.stream().filter(c -> c.startsWith(kind + " " + eventId)).toList();
    }
  }

  @Override
  public List<HandlerRun> beginRetry(RetryRequest request) {
    throw new UnsupportedOperationException("the event's own processing never begins a retry");
  }

  @Override
  public void endRetry(HandlerResults results) {
    throw new UnsupportedOperationException("the event's own processing never ends a retry");
  }
}
