package io.workerplatform.bulksends;

import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.client.WorkflowStub;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import io.workerplatform.common.RecordedHistories;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Records the histories {@link BulkSendReplayTest} replays (never re-record them after changing
 * the workflow: they are the compatibility check):
 * {@code ./mvnw -pl workflows test -Dtest=BulkSendHistoryRecorder -Drecord.histories=true}.
 */
@EnabledIfSystemProperty(named = "record.histories", matches = "true")
class BulkSendHistoryRecorder {
  @Test
  void record() throws Exception {
    // Two runs: the first ends in continue-as-new carrying cursor and counters.
    try (TestWorkflowEnvironment env = TestWorkflowEnvironment.newInstance()) {
      var activities =
          new InMemoryBulkSendActivities(
              BulkSendWorkflowTest.recipients(30), new BulkSendPlan(30, 3, 2, 40), 0);
      WorkflowExecution first = start(env, activities, "bs_recorded_can");
      result(env, "bs_recorded_can");
      write(env, "bulk-send-continued-as-new", first);
      write(env, "bulk-send-last-run", null);
    }
    // Paused, resumed, then cancelled while a batch is in flight.
    try (TestWorkflowEnvironment env = TestWorkflowEnvironment.newInstance()) {
      var activities =
          new InMemoryBulkSendActivities(
              BulkSendWorkflowTest.recipients(40), new BulkSendPlan(40, 10, 1, 10_000), 200);
      WorkflowExecution execution = start(env, activities, "bs_recorded_cancel");
      BulkSendWorkflow workflow =
          env.getWorkflowClient().newWorkflowStub(BulkSendWorkflow.class, execution.getWorkflowId());
      workflow.pause();
      Thread.sleep(500);
      workflow.resume();
      while (activities.sent.size() < 12) {
        Thread.sleep(20);
      }
      workflow.cancel();
      result(env, "bs_recorded_cancel");
      write(env, "bulk-send-paused-cancelled", execution);
    }
    // Version 1 of scheduled-start: waited for its sendAt, then sent; cancelled while it waited.
    try (TestWorkflowEnvironment env = TestWorkflowEnvironment.newInstance()) {
      var activities = new InMemoryBulkSendActivities(BulkSendWorkflowTest.recipients(6), new BulkSendPlan(6, 3, 2, 10_000), 0);
      WorkflowExecution execution = start(env, activities, "bs_recorded_scheduled", java.time.Instant.now().plusSeconds(3600));
      result(env, "bs_recorded_scheduled");
      write(env, "bulk-send-scheduled", execution);
    }
    try (TestWorkflowEnvironment env = TestWorkflowEnvironment.newInstance()) {
      var activities = new InMemoryBulkSendActivities(BulkSendWorkflowTest.recipients(6), new BulkSendPlan(6, 3, 2, 10_000), 0);
      WorkflowExecution execution =
          start(env, activities, "bs_recorded_scheduled_cancel", java.time.Instant.now().plusSeconds(86_400));
      BulkSendWorkflow workflow = env.getWorkflowClient().newWorkflowStub(BulkSendWorkflow.class, execution.getWorkflowId());
      BulkSendWorkflowTest.awaitStatus(workflow, BulkSendWorkflow.SCHEDULED);
      workflow.cancel();
      result(env, "bs_recorded_scheduled_cancel");
      write(env, "bulk-send-scheduled-cancelled", execution);
    }
  }

  private static WorkflowExecution start(
      TestWorkflowEnvironment env, InMemoryBulkSendActivities activities, String id) {
    return start(env, activities, id, null);
  }

  private static WorkflowExecution start(
      TestWorkflowEnvironment env, InMemoryBulkSendActivities activities, String id, java.time.Instant sendAt) {
    Worker worker = env.newWorker(BulkSendWorkflow.TASK_QUEUE);
    worker.registerWorkflowImplementationTypes(BulkSendWorkflowImpl.class);
    BulkSendWorkflow workflow = BulkSendWorkflowTest.start(env, worker, activities, id, sendAt);
    return WorkflowStub.fromTyped(workflow).getExecution();
  }

  private static void result(TestWorkflowEnvironment env, String id) {
    env.getWorkflowClient().newUntypedWorkflowStub(BulkSendWorkflow.workflowId(id)).getResult(BulkSendProgress.class);
  }

  private static void write(TestWorkflowEnvironment env, String name, WorkflowExecution execution)
      throws Exception {
    String workflowId = execution == null ? BulkSendWorkflow.workflowId("bs_recorded_can") : execution.getWorkflowId();
    var history =
        execution == null
            ? env.getWorkflowClient().fetchHistory(workflowId)
            : env.getWorkflowClient().fetchHistory(workflowId, execution.getRunId());
    RecordedHistories.keep(name, history);
  }
}
