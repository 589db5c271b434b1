package io.workerplatform.events;

import io.temporal.client.WorkflowOptions;
import io.temporal.worker.Worker;
import io.workerplatform.common.RecordedHistories;
import io.workerplatform.events.EventActivities.RetryRequest;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Records the histories {@link EventRetryReplayTest} replays; never overwrites one:
 * {@code ./mvnw -pl workflows test -Dtest=EventRetryHistoryRecorder -Drecord.histories=true}.
 */
@EnabledIfSystemProperty(named = "record.histories", matches = "true")
class EventRetryHistoryRecorder {
  @Test
  void repaired() {
    record("event-retry-repaired", new EventRetryWorkflowTest.RetryActivities(List.of("webhooks"), null));
  }

  @Test
  void failedAgain() {
    record("event-retry-failed-again", new EventRetryWorkflowTest.RetryActivities(List.of("audit", "webhooks"), "webhooks"));
  }

  private static void record(String name, EventActivities activities) {
    String workflowId = EventRetryWorkflow.workflowId("acme", "evt_" + name);
    RecordedHistories.record(name, workflowId, env -> {
      Worker worker = env.newWorker(EventRetryWorkflow.TASK_QUEUE);
      worker.registerWorkflowImplementationTypes(EventRetryWorkflowImpl.class);
      worker.registerActivitiesImplementations(activities);
      env.start();
      env.getWorkflowClient()
          .newWorkflowStub(EventRetryWorkflow.class,
              WorkflowOptions.newBuilder().setWorkflowId(workflowId).setTaskQueue(EventRetryWorkflow.TASK_QUEUE).build())
          .retry(new RetryRequest("acme", "evt_" + name, null));
    });
  }
}
