package io.workerplatform.events;

import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.workflow.Workflow;
import io.workerplatform.common.Failures;
import io.workerplatform.common.InvalidInput;
import io.workerplatform.events.EventActivities.HandlerResults;
import io.workerplatform.events.EventActivities.HandlerRun;
import io.workerplatform.events.EventActivities.RetryRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

public class EventRetryWorkflowImpl implements EventRetryWorkflow {
  /** Marking and recording: one statement each, retried through an outage. */
  static final ActivityOptions RECORD_OPTIONS = Failures.recording("record the retry");

  /** How long a handler run again keeps being tried: an hour's database outage is waited out. */
  static final Duration HANDLE_FOR = Duration.ofHours(2);

  /**
   * A handler run again: tried for {@link #HANDLE_FOR} (10 s doubling to 5 min between tries),
   * then it is {@code FAILED} again and can be retried once more by hand.
   */
  static final ActivityOptions HANDLE_OPTIONS =
      ActivityOptions.newBuilder()
          .setStartToCloseTimeout(Duration.ofMinutes(5))
          .setScheduleToCloseTimeout(HANDLE_FOR)
          .setRetryOptions(RetryOptions.newBuilder()
              .setInitialInterval(Duration.ofSeconds(10))
              .setBackoffCoefficient(2)
              .setMaximumInterval(Failures.MAX_RETRY_INTERVAL)
              .setDoNotRetry(InvalidInput.TYPE)
              .build())
          .setSummary("run the handler again")
          .build();

  @Override
  public RetryOutcome retry(RetryRequest request) {
    InvalidInput.requireText("orgId", request == null ? null : request.orgId());
    InvalidInput.requireText("eventId", request.eventId());
    EventActivities record = Workflow.newActivityStub(EventActivities.class, RECORD_OPTIONS);
    List<HandlerRun> runs = record.beginRetry(request);
    List<HandlerResults.Done> done = new ArrayList<>();
    List<String> failed = new ArrayList<>();
    for (HandlerRun run : runs) {
      Workflow.setCurrentDetails("Running handler " + run.handler() + " of event " + request.eventId() + " again");
      try {
        int attempts = Workflow.newActivityStub(EventActivities.class, HANDLE_OPTIONS).handle(run);
        done.add(new HandlerResults.Done(run.handler(), attempts));
      } catch (ActivityFailure gaveUp) {
        failed.add(run.handler());
      }
    }
    if (!runs.isEmpty()) {
      record.endRetry(new HandlerResults(request.orgId(), request.eventId(), List.copyOf(done), List.copyOf(failed)));
    }
    List<String> retried = runs.stream().map(HandlerRun::handler).toList();
    Workflow.setCurrentDetails("Retried " + retried + ", failed again " + failed);
    return new RetryOutcome(retried, List.copyOf(failed));
  }
}
