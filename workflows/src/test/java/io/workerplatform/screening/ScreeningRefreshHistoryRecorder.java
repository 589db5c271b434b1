package io.workerplatform.screening;

import io.temporal.worker.Worker;
import io.workerplatform.common.RecordedHistories;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Records the histories {@link ScreeningRefreshReplayTest} replays (never re-record them):
 * {@code ./mvnw -pl workflows test -Dtest=ScreeningRefreshHistoryRecorder -Drecord.histories=true}.
 */
@EnabledIfSystemProperty(named = "record.histories", matches = "true")
class ScreeningRefreshHistoryRecorder {
  @Test
  void record() {
    RecordedHistories.record("screening-refresh-retried", ScreeningRefreshWorkflow.workflowId("org_r", "changed-7"), env -> {
      Worker worker = env.newWorker(ScreeningRefreshWorkflow.TASK_QUEUE);
      worker.registerWorkflowImplementationTypes(ScreeningRefreshWorkflowImpl.class);
      ScreeningRefreshWorkflowTest.run(env, worker, new ScreeningRefreshWorkflowTest.Activities(1), "org_r", "changed-7");
    });
  }
}
