package io.workerplatform.webhooks;

import io.temporal.worker.Worker;
import io.workerplatform.common.RecordedHistories;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Records the histories {@link DeliveryBulkActionReplayTest} replays (never overwrites one):
 * {@code ./mvnw -pl workflows test -Dtest=DeliveryBulkActionHistoryRecorder -Drecord.histories=true}.
 */
@EnabledIfSystemProperty(named = "record.histories", matches = "true")
class DeliveryBulkActionHistoryRecorder {

  @Test
  void record() {
    String workflowId = DeliveryBulkActionWorkflow.workflowId("wba_recorded");
    RecordedHistories.record("webhook-bulk-action-completed", workflowId, env -> {
      Worker worker = env.newWorker(DeliveryBulkActionWorkflow.TASK_QUEUE);
      worker.registerWorkflowImplementationTypes(DeliveryBulkActionWorkflowImpl.class);
      DeliveryBulkActionWorkflowTest.start(
          env, worker, new ScriptedBulkActionActivities(5, 2, Duration.ofSeconds(4)), "wba_recorded");
      env.getWorkflowClient().newUntypedWorkflowStub(workflowId).getResult(DeliveryBulkActionWorkflow.Progress.class);
    });
  }
}
