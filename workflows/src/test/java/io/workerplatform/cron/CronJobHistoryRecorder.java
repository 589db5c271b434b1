package io.workerplatform.cron;

import io.temporal.client.WorkflowOptions;
import io.temporal.worker.Worker;
import io.workerplatform.common.RecordedHistories;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Records the histories {@link CronJobReplayTest} replays; never overwrites one:
 * {@code ./mvnw -pl workflows test -Dtest=CronJobHistoryRecorder -Drecord.histories=true}.
 */
@EnabledIfSystemProperty(named = "record.histories", matches = "true")
class CronJobHistoryRecorder {
  @Test
  void record() {
    record("cron-run-succeeded", new RecordingCronActivities(true));
    record("cron-run-failed", new RecordingCronActivities(false));
  }

  private static void record(String name, CronActivities activities) {
    String workflowId = CronJobWorkflow.manualWorkflowId("recorded", 1);
    RecordedHistories.record(name, workflowId, env -> {
      Worker worker = env.newWorker(CronJobWorkflow.TASK_QUEUE);
      worker.registerWorkflowImplementationTypes(CronJobWorkflowImpl.class);
      worker.registerActivitiesImplementations(activities);
      env.start();
      env.getWorkflowClient()
          .newWorkflowStub(
              CronJobWorkflow.class,
              WorkflowOptions.newBuilder().setWorkflowId(workflowId).setTaskQueue(CronJobWorkflow.TASK_QUEUE).build())
          .run(new CronJobInput("recorded", Map.of("olderThanDays", "90")));
    });
  }
}
