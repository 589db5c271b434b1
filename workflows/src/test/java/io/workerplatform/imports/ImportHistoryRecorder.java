package io.workerplatform.imports;

import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.client.WorkflowStub;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import io.workerplatform.common.RecordedHistories;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Records the histories {@link ImportReplayTest} replays (never re-record them after changing the
 * workflow: they are the compatibility check):
 * {@code ./mvnw -pl workflows test -Dtest=ImportHistoryRecorder -Drecord.histories=true}.
 */
@EnabledIfSystemProperty(named = "record.histories", matches = "true")
class ImportHistoryRecorder {
  @Test
  void record() throws Exception {
    // Two runs at least: the first ends in continue-as-new carrying the counters; a slice retried.
    try (TestWorkflowEnvironment env = TestWorkflowEnvironment.newInstance()) {
      var activities = new InMemoryImportActivities(2_000, 50, 4, 20, 0);
      activities.crashAfterBatches = 2;
      WorkflowExecution first = start(env, activities, "imp_recorded_can");
      ImportWorkflowTest.result(env, "imp_recorded_can");
      RecordedHistories.keep("import-continued-as-new",
          env.getWorkflowClient().fetchHistory(first.getWorkflowId(), first.getRunId()));
      RecordedHistories.keep("import-last-run", env.getWorkflowClient().fetchHistory(first.getWorkflowId()));
    }
    // Paused, resumed, then cancelled while a slice is in flight.
    try (TestWorkflowEnvironment env = TestWorkflowEnvironment.newInstance()) {
      var activities = new InMemoryImportActivities(100_000, 10, 10, 10_000, 20);
      WorkflowExecution execution = start(env, activities, "imp_recorded_cancel");
      ImportWorkflow workflow = env.getWorkflowClient().newWorkflowStub(ImportWorkflow.class, execution.getWorkflowId());
      while (activities.committedRows.size() < 30) {
        Thread.sleep(5);
      }
      workflow.pause();
      Thread.sleep(600);
      workflow.resume();
      while (activities.committedRows.size() < 200) {
        Thread.sleep(5);
      }
      workflow.cancel();
      ImportWorkflowTest.result(env, "imp_recorded_cancel");
      RecordedHistories.keep("import-paused-cancelled", env.getWorkflowClient().fetchHistory(execution.getWorkflowId()));
    }
    // The file is gone: FAILED.
    try (TestWorkflowEnvironment env = TestWorkflowEnvironment.newInstance()) {
      var activities = new InMemoryImportActivities(10, 5, 1, 10_000, 0);
      activities.fileGone = true;
      WorkflowExecution execution = start(env, activities, "imp_recorded_failed");
      ImportWorkflowTest.result(env, "imp_recorded_failed");
      RecordedHistories.keep("import-failed", env.getWorkflowClient().fetchHistory(execution.getWorkflowId()));
    }
  }

  private static WorkflowExecution start(TestWorkflowEnvironment env, InMemoryImportActivities activities, String id) {
    Worker worker = env.newWorker(ImportWorkflow.TASK_QUEUE);
    worker.registerWorkflowImplementationTypes(ImportWorkflowImpl.class);
    return WorkflowStub.fromTyped(ImportWorkflowTest.start(env, worker, activities, id)).getExecution();
  }
}
