package io.workerplatform.events;

import io.temporal.activity.LocalActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.CancellationScope;
import io.temporal.workflow.TimerOptions;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import io.workerplatform.common.Failures;
import io.workerplatform.common.InvalidInput;
import io.workerplatform.events.EventActivities.HandlerResults;
import io.workerplatform.events.EventActivities.HandlerRun;
import io.workerplatform.events.EventPlan.HandlerPlan;
import io.workerplatform.events.EventStatus.HandlerState;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;

/**
 * Everything an event needs runs as local activities of this one workflow: an event that every
 * handler takes at once costs one workflow task (no activity task, no second workflow), which is
 * what keeps the webhook path's cost per event near a bare workflow's. Handlers run in parallel;
 * a handler that fails retries on its own schedule (as local activity retries, on workflow timers
 * once the waits grow) while the others finish and are recorded.
 */
public class DomainEventWorkflowImpl implements DomainEventWorkflow {
  private static final Logger log = Workflow.getLogger(DomainEventWorkflowImpl.class);

  /** The bookkeeping steps: a few statements each; the database may be down for a while. */
  static final LocalActivityOptions STEP_OPTIONS =
      LocalActivityOptions.newBuilder()
          .setStartToCloseTimeout(Duration.ofSeconds(30))
          .setScheduleToCloseTimeout(Failures.OUTAGE_TOLERANCE)
          .setRetryOptions(
              RetryOptions.newBuilder()
                  .setInitialInterval(Duration.ofMillis(200))
                  .setBackoffCoefficient(2)
                  .setMaximumInterval(Failures.MAX_RETRY_INTERVAL)
                  .setDoNotRetry(InvalidInput.TYPE)
                  .build())
          .build();

  /**
   * A handler still running after this long has its finished siblings recorded, so the event's
   * page shows them DONE rather than PENDING; events whose handlers all end sooner write nothing
   * until they finish.
   */
  static final Duration RECORD_PROGRESS_AFTER = Duration.ofSeconds(5);

  /** An event waiting for its turn looks again this often, in case a proceed signal was lost. */
  static final Duration TURN_RECHECK = Duration.ofMinutes(1);

  private final EventActivities steps =
      Workflow.newLocalActivityStub(EventActivities.class, STEP_OPTIONS);

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
    EventPlan plan = ready(request);
    if (!PROCESSING.equals(plan.status())) {
      status = plan.status();
      Workflow.setCurrentDetails("Event " + status);
      return status();
    }
    runHandlers(orgId, plan.handlers());
    return status();
  }

  /** Waits for the event's time and its turn; returns the plan to run, or why there is none. */
  private EventPlan ready(EventRequest request) {
    while (true) {
      EventPlan plan = steps.begin(request);
      switch (plan.status()) {
        case SCHEDULED -> {
          status = SCHEDULED;
          processAt = plan.processAt();
          Duration wait = Duration.between(now(), processAt);
          Workflow.setCurrentDetails("Scheduled for " + processAt);
          Workflow.await(wait, () -> cancelRequested);
          cancelRequested = false; // the row decides: the next begin says CANCELLED or due
        }
        case EventPlan.WAITING -> {
          status = PROCESSING;
          waitingFor = plan.waitingFor();
          Workflow.setCurrentDetails("Waiting for event " + waitingFor + " (same ordering key)");
          Workflow.await(TURN_RECHECK, () -> proceedRequested);
          proceedRequested = false;
        }
        default -> {
          waitingFor = null;
          return plan;
        }
      }
    }
  }

  private void runHandlers(String orgId, List<HandlerPlan> plans) {
    status = PROCESSING;
    Workflow.setCurrentDetails("Running " + plans.size() + " handler(s)");
    List<HandlerResults.Done> done = new ArrayList<>();
    List<String> failed = new ArrayList<>();
    for (HandlerPlan plan : plans) {
      handlers.put(plan.name(), PENDING);
      Promise<Integer> run =
          Async.function(handlerStub(plan)::handle, new HandlerRun(orgId, eventId, plan.name()));
      run.handle(
          (attempts, failure) -> {
            if (failure == null) {
              handlers.put(plan.name(), DONE);
              done.add(new HandlerResults.Done(plan.name(), attempts));
            } else {
              handlers.put(plan.name(), FAILED);
              failed.add(plan.name());
              log.warn("Handler {} gave up on event {}: {}", plan.name(), eventId,
                  failure instanceof ActivityFailure a ? Failures.describe(a) : failure.getClass().getSimpleName());
            }
            return null;
          });
    }
    int ended = 0;
    // The timer is cancelled before its command is ever sent when every handler ends in the
    // same workflow task: the fast path's history holds no timer.
    Promise<?>[] progressTimer = new Promise<?>[1];
    CancellationScope progressScope =
        Workflow.newCancellationScope(
            () ->
                progressTimer[0] =
                    Workflow.newTimer(
                        RECORD_PROGRESS_AFTER, TimerOptions.newBuilder().setSummary("record finished handlers").build()));
    progressScope.run();
    Workflow.await(() -> done.size() + failed.size() == plans.size() || progressTimer[0].isCompleted());
    boolean recording = progressTimer[0].isCompleted();
    if (!recording) {
      progressScope.cancel();
    }
    while (recording && done.size() + failed.size() < plans.size()) {
      if (done.size() + failed.size() > ended) {
        ended = done.size() + failed.size();
        steps.recordHandlers(new HandlerResults(orgId, eventId, List.copyOf(done), List.copyOf(failed)));
      }
      int seen = ended;
      Workflow.await(() -> done.size() + failed.size() > seen);
    }
    String next = steps.finish(new HandlerResults(orgId, eventId, List.copyOf(done), List.copyOf(failed)));
    status = PROCESSED;
    Workflow.setCurrentDetails(
        "Processed: " + done.size() + " handler(s) done, " + failed.size() + " failed");
    if (next != null) {
      try {
        Workflow.newUntypedExternalWorkflowStub(DomainEventWorkflow.workflowId(orgId, next))
            .signal(PROCEED_SIGNAL);
      } catch (RuntimeException e) {
        // Not started yet (the relay will) or ended: it looks at the rows when it begins.
        log.info("Event {} could not tell event {} to proceed: {}", eventId, next, e.getClass().getSimpleName());
      }
    }
  }

  private static EventActivities handlerStub(HandlerPlan plan) {
    return Workflow.newLocalActivityStub(
        EventActivities.class,
        LocalActivityOptions.newBuilder()
            .setStartToCloseTimeout(plan.timeout())
            .setRetryOptions(
                RetryOptions.newBuilder()
                    .setInitialInterval(plan.initialInterval())
                    .setBackoffCoefficient(2)
                    .setMaximumInterval(plan.maximumInterval())
                    .setMaximumAttempts(plan.maximumAttempts())
                    .setDoNotRetry(InvalidInput.TYPE)
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
