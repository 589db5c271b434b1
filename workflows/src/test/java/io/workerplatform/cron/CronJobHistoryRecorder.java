package io.workerplatform.cron;

import io.temporal.client.WorkflowOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Records the histories {@link CronJobReplayTest} replays; never overwrites one:
 * {@code ./mvnw -pl workflows test -Dtest=CronJobHistoryRecorder -Drecord.histories=true}.
 */
@EnabledIfSystemProperty(named = "record.histories", matches = "true")
class CronJobHistoryRecorder {
  private static final Path DIR = Path.of("src/test/resources/histories");

  @Test
  void record() throws Exception {
    record("cron-run-succeeded", new RecordingCronActivities(true));
    record("cron-run-failed", new RecordingCronActivities(false));
  }

  private static void record(String name, CronActivities activities) throws Exception {
    Path file = DIR.resolve(name + ".json");
    if (Files.exists(file)) {
      return;
    }
    try (TestWorkflowEnvironment env = TestWorkflowEnvironment.newInstance()) {
      Worker worker = env.newWorker(CronJobWorkflow.TASK_QUEUE);
      worker.registerWorkflowImplementationTypes(CronJobWorkflowImpl.class);
      worker.registerActivitiesImplementations(activities);
      env.start();
      String workflowId = CronJobWorkflow.manualWorkflowId("recorded", 1);
      env.getWorkflowClient()
          .newWorkflowStub(
              CronJobWorkflow.class,
              WorkflowOptions.newBuilder().setWorkflowId(workflowId).setTaskQueue(CronJobWorkflow.TASK_QUEUE).build())
          .run(new CronJobInput("recorded", Map.of("olderThanDays", "90")));
      Files.createDirectories(DIR);
      Files.writeString(file, env.getWorkflowClient().fetchHistory(workflowId).toJson(true));
    }
  }
}
