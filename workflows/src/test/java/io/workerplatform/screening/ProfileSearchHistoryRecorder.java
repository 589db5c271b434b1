package io.workerplatform.screening;

import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.client.WorkflowStub;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import io.workerplatform.common.RecordedHistories;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Records the histories {@link ProfileSearchReplayTest} replays (never re-record them after
 * changing the workflow: they are the compatibility check):
 * {@code ./mvnw -pl workflows test -Dtest=ProfileSearchHistoryRecorder -Drecord.histories=true}.
 */
@EnabledIfSystemProperty(named = "record.histories", matches = "true")
class ProfileSearchHistoryRecorder {
  @Test
  void record() throws Exception {
    // Two runs at least: the first ends in continue-as-new carrying plan and counters.
    try (TestWorkflowEnvironment env = TestWorkflowEnvironment.newInstance()) {
      var activities = new InMemoryProfileSearchActivities(
          InMemoryProfileSearchActivities.profiles(40), new SearchPlan(40, 4, 20), 0);
      WorkflowExecution first = start(env, activities, "scr_recorded_can");
      ProfileSearchWorkflowTest.result(env, "scr_recorded_can");
      RecordedHistories.keep("profile-search-continued-as-new",
          env.getWorkflowClient().fetchHistory(first.getWorkflowId(), first.getRunId()));
      RecordedHistories.keep("profile-search-last-run", env.getWorkflowClient().fetchHistory(first.getWorkflowId()));
    }
    // Paused, resumed, then cancelled while a batch is in flight.
    try (TestWorkflowEnvironment env = TestWorkflowEnvironment.newInstance()) {
      var activities = new InMemoryProfileSearchActivities(
          InMemoryProfileSearchActivities.profiles(60), new SearchPlan(60, 10, 10_000), 40);
      WorkflowExecution execution = start(env, activities, "scr_recorded_cancel");
      ProfileSearchWorkflow workflow =
          env.getWorkflowClient().newWorkflowStub(ProfileSearchWorkflow.class, execution.getWorkflowId());
      workflow.pause();
      Thread.sleep(600);
      workflow.resume();
      while (activities.screened.size() < 15) {
        Thread.sleep(10);
      }
      workflow.cancel();
      ProfileSearchWorkflowTest.result(env, "scr_recorded_cancel");
      RecordedHistories.keep("profile-search-paused-cancelled", env.getWorkflowClient().fetchHistory(execution.getWorkflowId()));
    }
    // The provider refused the key: FAILED.
    try (TestWorkflowEnvironment env = TestWorkflowEnvironment.newInstance()) {
      var activities = new InMemoryProfileSearchActivities(List.of("p001", "p002x"), new SearchPlan(2, 1, 10_000), 0);
      WorkflowExecution execution = start(env, activities, "scr_recorded_failed");
      ProfileSearchWorkflowTest.result(env, "scr_recorded_failed");
      RecordedHistories.keep("profile-search-failed", env.getWorkflowClient().fetchHistory(execution.getWorkflowId()));
    }
  }

  private static WorkflowExecution start(TestWorkflowEnvironment env, InMemoryProfileSearchActivities activities, String id) {
    Worker worker = env.newWorker(ProfileSearchWorkflow.TASK_QUEUE);
    worker.registerWorkflowImplementationTypes(ProfileSearchWorkflowImpl.class);
    return WorkflowStub.fromTyped(ProfileSearchWorkflowTest.start(env, worker, activities, id)).getExecution();
  }
}
