package io.workerplatform.events;

import io.temporal.activity.LocalActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.CanceledFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import io.workerplatform.common.Failures;
import io.workerplatform.common.InvalidInput;
import io.workerplatform.events.EventActivities.HandlerResults;
import io.workerplatform.events.EventActivities.HandlerRun;
import io.workerplatform.events.EventOutcome.HandlerPlan;
import io.workerplatform.events.EventStatus.HandlerState;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;

/**
 * An event that is due and whose handlers all succeed at their first try costs one local
 * activity in one workflow task: six history events, no activity task, no timer, no second
 * workflow. That keeps the webhook path's cost per event near a bare workflow's. Only what goes
 * wrong costs more: a handler that fails retries on its own schedule as local activities of its
 * own (on workflow timers once the waits grow), while the others are recorded done.
 */
public class DomainEventWorkflowImpl implements DomainEventWorkflow {
  private static final Logger log = Workflow.getLogger(DomainEventWorkflowImpl.class);

  /**
   * Processing runs every handler once: long enough for the slowest (the webhooks handler's few
   * bounded requests); a failure of the step itself (the database) retries for the outage
   * tolerance, and each retry finds the handlers' earlier work done.
   */
  static final LocalActivityOptions PROCESS_OPTIONS =
      LocalActivityOptions.newBuilder()
          .setStartToCloseTimeout(Duration.ofMinutes(4))
          .setScheduleToCloseTimeout(Failures.OUTAGE_TOLERANCE)
          .setRetryOptions(
              RetryOptions.newBuilder()
                  .setInitialInterval(Duration.ofMillis(200))
                  .setBackoffCoefficient(2)
                  .setMaximumInterval(Failures.MAX_RETRY_INTERVAL)
                  .setDoNotRetry(InvalidInput.TYPE)
                  .build())
          .build();

  /** Recording the end: a few statements. */
  static final LocalActivityOptions FINISH_OPTIONS =
      LocalActivityOptions.newBuilder(PROCESS_OPTIONS).setStartToCloseTimeout(Duration.ofSeconds(30)).build();

  /** An event waiting for its turn looks again this often, in case a proceed signal was lost. */
  static final Duration TURN_RECHECK = Duration.ofMinutes(1);

  /** Version 1: the look again backs off to {@link #TURN_RECHECK_MAX}, the run continues as new. */
  static final String BOUNDED_WAIT = "bounded-turn-wait";

  /** The longest wait between looks: a lost proceed signal costs at most this. */
  static final Duration TURN_RECHECK_MAX = Duration.ofHours(1);

  /** A waiting event's run continues as new past this many history events (the limit is 51,200). */
  static final int CONTINUE_AS_NEW_AFTER_EVENTS = 1_000;

  /**
   * Version 1: a handler's retry that could not reach the database is not one of its tries: it
   * waits on a workflow timer (from {@link #OUTAGE_FIRST_WAIT}, doubling to {@link
   * Failures#MAX_RETRY_INTERVAL}) and runs again, for up to {@link Failures#OUTAGE_TOLERANCE}, so
   * an hour-long outage does not use up a handler's schedule of about half an hour.
   */
  static final String HANDLER_OUTAGE_WAITS = "handler-outage-is-not-a-try";

  static final Duration OUTAGE_FIRST_WAIT = Duration.ofSeconds(10);

  private String eventId;
  private String status = PROCESSING;
  private Instant processAt;
  private String waitingFor;
  private final Map<String, String> handlers = new LinkedHashMap<>();
  private boolean cancelRequested;
  private boolean proceedRequested;

  @Override
  public EventStatus process(EventRequest request) {
    String orgId = InvalidInput.requireText("orgId", request == null ? null : request.orgId());
    eventId = InvalidInput.requireText("eventId", request.eventId());
    EventActivities steps =
        Workflow.newLocalActivityStub(
            EventActivities.class, LocalActivityOptions.newBuilder(PROCESS_OPTIONS).setSummary("process").build());
    // The version is asked where the paths part (a wait, an end without processing), not up
    // front: the cheap path of an event processed at once stays without a version marker.
    try {
      return run(orgId, request, steps);
    } catch (CanceledFailure cancelled) {
      if (!bounded()) {
        throw cancelled;
      }
      // Cancelled from the Web UI or the CLI: the row says so and the key's next event proceeds.
      Workflow.newDetachedCancellationScope(() -> ended(orgId, request, CANCELLED)).run();
      throw cancelled;
    } catch (ActivityFailure gaveUp) {
      if (gaveUp.getCause() instanceof ApplicationFailure failure && InvalidInput.TYPE.equals(failure.getType())
          || !bounded()) {
        throw gaveUp; // no such event: nothing to release; or recorded before version 1
      }
      // The processing step gave up (a day without the database, say): the row says FAILED and
      // the key's next event proceeds, instead of the key staying blocked behind this one.
      log.warn("Event {} could not be processed: {}", eventId, Failures.describe(gaveUp));
      return ended(orgId, request, FAILED);
    }
  }

  private static boolean bounded() {
    return Workflow.getVersion(BOUNDED_WAIT, Workflow.DEFAULT_VERSION, 1) == 1;
  }

  private EventStatus run(String orgId, EventRequest request, EventActivities steps) {
    int looks = 0;
    while (true) {
      EventOutcome outcome = steps.process(request);
      processAt = outcome.processAt();
      outcome.done().forEach(h -> handlers.put(h, DONE));
      outcome.failed().forEach(h -> handlers.put(h, FAILED));
      outcome.retry().forEach(h -> handlers.put(h.name(), RETRYING));
      switch (outcome.status()) {
        case SCHEDULED -> {
          status = SCHEDULED;
          Workflow.setCurrentDetails("Scheduled for " + processAt);
          Workflow.await(Duration.between(now(), processAt), () -> cancelRequested);
          cancelRequested = false; // the row decides: the next step finds it cancelled or due
        }
        case EventOutcome.WAITING -> {
          waitingFor = outcome.waitingFor();
          Workflow.setCurrentDetails("Waiting for event " + waitingFor + " (same ordering key)");
          if (!bounded()) {
            Workflow.await(TURN_RECHECK, () -> proceedRequested);
            proceedRequested = false;
            continue;
          }
          // Woken by the predecessor's proceed signal; the looks in case it was lost back off, and
          // a long wait continues as new, so that its history stays short however long it waits.
          Duration recheck = TURN_RECHECK.multipliedBy(1L << Math.min(looks++, 6));
          Workflow.await(recheck.compareTo(TURN_RECHECK_MAX) > 0 ? TURN_RECHECK_MAX : recheck, () -> proceedRequested);
          proceedRequested = false;
          if (Workflow.getInfo().getHistoryLength() > CONTINUE_AS_NEW_AFTER_EVENTS) {
            Workflow.continueAsNew(request);
          }
        }
        case PROCESSING -> {
          waitingFor = null;
          String next = retry(orgId, outcome);
          return processed(orgId, next);
        }
        case PROCESSED -> {
          waitingFor = null;
          return processed(orgId, outcome.next());
        }
        default -> {
          status = outcome.status(); // CANCELLED, or processed before this run
          Workflow.setCurrentDetails("Event " + status);
          return status();
        }
      }
    }
  }

  /** Retries the handlers that failed their first try, each on its own schedule; then finishes. */
  private String retry(String orgId, EventOutcome outcome) {
    List<HandlerPlan> plans = outcome.retry();
    Workflow.setCurrentDetails("Retrying " + plans.size() + " handler(s)");
    List<HandlerResults.Done> done = new ArrayList<>();
    outcome.done().forEach(h -> done.add(new HandlerResults.Done(h, 1)));
    List<String> failed = new ArrayList<>(outcome.failed());
    List<Promise<Void>> runs = new ArrayList<>();
    for (HandlerPlan plan : plans) {
      runs.add(
          Async.procedure(() -> {
            // The first try was the processing step's: wait before the second.
            Workflow.sleep(plan.initialInterval());
            boolean outageWaits =
                Workflow.getVersion(HANDLER_OUTAGE_WAITS, Workflow.DEFAULT_VERSION, 1) == 1;
            Instant firstOutage = null;
            Duration wait = OUTAGE_FIRST_WAIT;
            while (true) {
              try {
                int attempts = handlerStub(plan, outageWaits).handle(new HandlerRun(orgId, eventId, plan.name(), 1));
                handlers.put(plan.name(), DONE);
                done.add(new HandlerResults.Done(plan.name(), attempts));
                return;
              } catch (ActivityFailure e) {
                Instant now = now();
                firstOutage = firstOutage == null ? now : firstOutage;
                if (outageWaits && Failures.databaseUnavailable(e)
                    && now.plus(wait).isBefore(firstOutage.plus(Failures.OUTAGE_TOLERANCE))) {
                  // Not one of the handler's tries: the same retry runs again once the database is back.
                  handlers.put(plan.name(), RETRYING);
                  Workflow.setCurrentDetails("Handler " + plan.name() + " waits for the database; next look at " + now.plus(wait));
                  Workflow.sleep(wait);
                  wait = wait.multipliedBy(2).compareTo(Failures.MAX_RETRY_INTERVAL) > 0
                      ? Failures.MAX_RETRY_INTERVAL : wait.multipliedBy(2);
                  continue;
                }
                handlers.put(plan.name(), FAILED);
                failed.add(plan.name());
                log.warn("Handler {} gave up on event {}: {}", plan.name(), eventId, Failures.describe(e));
                return;
              }
            }
          }));
    }
    Promise.allOf(runs).get();
    return Workflow.newLocalActivityStub(
            EventActivities.class, LocalActivityOptions.newBuilder(FINISH_OPTIONS).setSummary("finish").build())
        .finish(new HandlerResults(orgId, eventId, List.copyOf(done), List.copyOf(failed)));
  }

  /** Ended without being processed through: recorded so, and the key's next event told. */
  private EventStatus ended(String orgId, EventRequest request, String endStatus) {
    String next =
        Workflow.newLocalActivityStub(
                EventActivities.class,
                LocalActivityOptions.newBuilder(FINISH_OPTIONS)
                    // released whatever the outage lasts: a key never stays blocked behind this event
                    .setScheduleToCloseTimeout(Duration.ofDays(365))
                    .setSummary("release " + endStatus)
                    .build())
            .release(request, endStatus);
    processed(orgId, next);
    status = endStatus;
    Workflow.setCurrentDetails("Event " + endStatus);
    return status();
  }

  private EventStatus processed(String orgId, String next) {
    status = PROCESSED;
    Workflow.setCurrentDetails("Processed");
    if (next != null) {
      try {
        Workflow.newUntypedExternalWorkflowStub(DomainEventWorkflow.workflowId(orgId, next)).signal(PROCEED_SIGNAL);
      } catch (RuntimeException e) {
        // Not started yet (the relay will) or ended: it looks at the rows when it runs.
        log.info("Event {} could not tell event {} to proceed: {}", eventId, next, e.getClass().getSimpleName());
      }
    }
    return status();
  }

  /** The tries after the first: the schedule's remaining attempts, its waits doubling from the second. */
  private static EventActivities handlerStub(HandlerPlan plan, boolean outageWaits) {
    List<String> doNotRetry = outageWaits ? List.of(InvalidInput.TYPE, Failures.DATABASE_UNAVAILABLE) : List.of(InvalidInput.TYPE);
    return Workflow.newLocalActivityStub(
        EventActivities.class,
        LocalActivityOptions.newBuilder()
            .setStartToCloseTimeout(plan.timeout())
            .setRetryOptions(
                RetryOptions.newBuilder()
                    .setInitialInterval(plan.initialInterval().multipliedBy(2))
                    .setBackoffCoefficient(2)
                    .setMaximumInterval(plan.maximumInterval())
                    .setMaximumAttempts(Math.max(1, plan.maximumAttempts() - 1))
                    // an unreachable database is waited for on workflow timers, not retried here
                    .setDoNotRetry(doNotRetry.toArray(String[]::new))
                    .build())
            .setSummary("handler " + plan.name())
            .build());
  }

  @Override
  public void cancel() {
    cancelRequested = true;
  }

  @Override
  public void proceed() {
    proceedRequested = true;
  }

  @Override
  public EventStatus status() {
    List<HandlerState> states = new ArrayList<>();
    handlers.forEach((name, state) -> states.add(new HandlerState(name, state)));
    return new EventStatus(eventId, status, processAt, waitingFor, states);
  }

  private static Instant now() {
    return Instant.ofEpochMilli(Workflow.currentTimeMillis());
  }
}
