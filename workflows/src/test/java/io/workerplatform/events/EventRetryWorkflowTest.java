package io.workerplatform.events;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.client.WorkflowOptions;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import io.workerplatform.events.EventActivities.HandlerResults;
import io.workerplatform.events.EventActivities.HandlerRun;
import io.workerplatform.events.EventActivities.RetryRequest;
import io.workerplatform.events.EventRetryWorkflow.RetryOutcome;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class EventRetryWorkflowTest {
  private TestWorkflowEnvironment env;

  @BeforeEach
  void start() {
    env = TestWorkflowEnvironment.newInstance();
  }

  @AfterEach
  void stop() {
    env.close();
  }

  /** Activities whose failed handlers are {@code failed}; {@code broken} never succeeds again. */
  static class RetryActivities implements EventActivities {
    final List<String> failedHandlers;
    final String broken;
    final List<String> calls = new CopyOnWriteArrayList<>();
    volatile HandlerResults recorded;

    RetryActivities(List<String> failedHandlers, String broken) {
      this.failedHandlers = failedHandlers;
      this.broken = broken;
    }

    @Override
    public EventOutcome process(EventRequest request) {
      throw new UnsupportedOperationException("a retry never processes the event again");
    }

    @Override
    public int handle(HandlerRun run) {
      calls.add("handle " + run.handler() + " after " + run.triesBefore());
      if (run.handler().equals(broken)) {
        throw ApplicationFailure.newFailure("still down", "EventHandlerException");
      }
      return run.triesBefore() + 1;
    }

    @Override
    public String finish(HandlerResults results) {
      throw new UnsupportedOperationException("a retry never finishes the event again");
    }

    @Override
    public String release(EventRequest request, String status) {
      throw new UnsupportedOperationException("a retry never touches the ordering key");
    }

    @Override
    public List<HandlerRun> beginRetry(RetryRequest request) {
      calls.add("begin " + request.handler());
      return failedHandlers.stream()
          .filter(h -> request.handler() == null || h.equals(request.handler()))
          .map(h -> new HandlerRun(request.orgId(), request.eventId(), h, 10))
          .toList();
    }

    @Override
    public void endRetry(HandlerResults results) {
      recorded = results;
    }
  }

  private RetryOutcome retry(RetryActivities activities, String handler) {
    Worker worker = env.newWorker(EventRetryWorkflow.TASK_QUEUE);
    worker.registerWorkflowImplementationTypes(EventRetryWorkflowImpl.class);
    worker.registerActivitiesImplementations(activities);
    env.start();
    return env.getWorkflowClient()
        .newWorkflowStub(EventRetryWorkflow.class, WorkflowOptions.newBuilder()
            .setWorkflowId(EventRetryWorkflow.workflowId("acme", "evt_1"))
            .setTaskQueue(EventRetryWorkflow.TASK_QUEUE).build())
        .retry(new RetryRequest("acme", "evt_1", handler));
  }

  @Test
  void theFailedHandlersRunAgainCountingOnFromTheirTriesAndOneStillBrokenFailsAgain() {
    RetryActivities activities = new RetryActivities(List.of("audit", "webhooks"), "webhooks");

    RetryOutcome outcome = retry(activities, null);

    assertThat(outcome).isEqualTo(new RetryOutcome(List.of("audit", "webhooks"), List.of("webhooks")));
    assertThat(activities.recorded.done()).containsExactly(new HandlerResults.Done("audit", 11));
    assertThat(activities.recorded.failed()).containsExactly("webhooks");
    // tried for two hours: 10 s doubling to 5 minutes between tries
    assertThat(activities.calls.stream().filter(c -> c.startsWith("handle webhooks")).count()).isBetween(20L, 35L);
  }

  @Test
  void aNamedHandlerAloneRunsAgainAndNothingFailedMeansNothingRuns() {
    RetryActivities activities = new RetryActivities(List.of("audit", "webhooks"), null);

    assertThat(retry(activities, "webhooks")).isEqualTo(new RetryOutcome(List.of("webhooks"), List.of()));
    assertThat(activities.calls).containsExactly("begin webhooks", "handle webhooks after 10");
  }
}
