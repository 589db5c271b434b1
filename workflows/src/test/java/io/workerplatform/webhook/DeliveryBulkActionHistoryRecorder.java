package io.workerplatform.webhook;

import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Records the histories {@link DeliveryBulkActionReplayTest} replays (never overwrites one):
 * {@code ./mvnw -pl workflows test -Dtest=DeliveryBulkActionHistoryRecorder -Drecord.histories=true}.
 */
@EnabledIfSystemProperty(named = "record.histories", matches = "true")
class DeliveryBulkActionHistoryRecorder {
  private static final Path DIR = Path.of("src/test/resources/histories");

  @Test
  void record() throws Exception {
    Path file = DIR.resolve("webhook-bulk-action-completed.json");
    if (Files.exists(file)) {
      return;
    }
    try (TestWorkflowEnvironment env = TestWorkflowEnvironment.newInstance()) {
      Worker worker = env.newWorker(DeliveryBulkActionWorkflow.TASK_QUEUE);
      worker.registerWorkflowImplementationTypes(DeliveryBulkActionWorkflowImpl.class);
      DeliveryBulkActionWorkflowTest.start(env, worker, new ScriptedBulkActionActivities(5, 2, Duration.ofSeconds(4)), "wba_recorded");
      String workflowId = DeliveryBulkActionWorkflow.workflowId("wba_recorded");
      env.getWorkflowClient().newUntypedWorkflowStub(workflowId).getResult(DeliveryBulkActionWorkflow.Progress.class);
      Files.writeString(file, env.getWorkflowClient().fetchHistory(workflowId).toJson(true));
    }
  }
}
