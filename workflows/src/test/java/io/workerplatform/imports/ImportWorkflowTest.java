package io.workerplatform.imports;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ImportWorkflowTest {

  @RegisterExtension
  static final TestWorkflowExtension testWorkflow =
      TestWorkflowExtension.newBuilder()
          .registerWorkflowImplementationTypes(ImportWorkflowImpl.class)
          .setDoNotStart(true)
          .build();

  static ImportWorkflow start(TestWorkflowEnvironment env, Worker worker, InMemoryImportActivities activities, String id) {
    worker.registerActivitiesImplementations(activities);
    env.start();
    ImportWorkflow workflow = env.getWorkflowClient().newWorkflowStub(ImportWorkflow.class,
        WorkflowOptions.newBuilder().setWorkflowId(ImportWorkflow.workflowId(id)).setTaskQueue(worker.getTaskQueue()).build());
    WorkflowClient.start(workflow::run, ImportInput.start(id));
    return workflow;
  }

  static ImportProgress result(TestWorkflowEnvironment env, String id) {
    return env.getWorkflowClient().newUntypedWorkflowStub(ImportWorkflow.workflowId(id)).getResult(ImportProgress.class);
  }

  @Test
  void everyRowIsCommittedOnceSliceBySliceAndTheHistoryStaysBounded(TestWorkflowEnvironment env, Worker worker) {
    var activities = new InMemoryImportActivities(10_000, 100, 5, 30, 0);
    start(env, worker, activities, "imp-all");

    ImportProgress progress = result(env, "imp-all");

    // rows 0..9999: every seventh (row % 7 == 6) failed, of the others every fifth (row % 5 == 4) updated
    assertThat(progress).isEqualTo(new ImportProgress("imp-all", "COMPLETED", 10_000, 6857, 1715, 1428, progress.run()));
    assertThat(activities.committedRows).containsExactlyElementsOf(IntStream.range(0, 10_000).boxed().toList());
    assertThat(progress.run()).as("continued as new").isGreaterThan(2);
    var history = env.getWorkflowClient().fetchHistory(ImportWorkflow.workflowId("imp-all"));
    assertThat(history.getEvents()).hasSizeLessThan(45);
    assertThat(activities.finished).singleElement()
        .isEqualTo(new ImportActivities.FinishRequest("imp-all", "COMPLETED", null));
  }

  @Test
  void aWorkerDyingMidSliceResumesFromTheLastCommittedBatchWithoutRepeatingARow(
      TestWorkflowEnvironment env, Worker worker) {
    var activities = new InMemoryImportActivities(1_000, 50, 4, 10_000, 0);
    activities.crashAfterBatches = 2;
    start(env, worker, activities, "imp-crash");

    ImportProgress progress = result(env, "imp-crash");

    assertThat(progress.status()).isEqualTo("COMPLETED");
    assertThat(progress.rows()).isEqualTo(1_000);
    assertThat(activities.committedRows).containsExactlyElementsOf(IntStream.range(0, 1_000).boxed().toList());
  }

  @Test
  void aPauseStopsAfterTheBatchInFlightUntilResumedAndACancelEndsItWithWhatWasCommitted(
      TestWorkflowEnvironment env, Worker worker) throws InterruptedException {
    var activities = new InMemoryImportActivities(100_000, 10, 10, 10_000, 20);
    ImportWorkflow workflow = start(env, worker, activities, "imp-steer");
    while (activities.committedRows.size() < 30) {
      Thread.sleep(5);
    }
    workflow.pause();
    assertThat(workflow.progress().status()).isEqualTo("PAUSED");
    Thread.sleep(1_000); // the slice in flight ends at its next heartbeat or its end
    int whilePaused = activities.committedRows.size();
    Thread.sleep(600);
    assertThat(activities.committedRows).as("nothing committed while paused").hasSize(whilePaused);
    workflow.resume();
    while (activities.committedRows.size() < whilePaused + 30) {
      Thread.sleep(5);
    }
    workflow.cancel();

    ImportProgress progress = result(env, "imp-steer");

    assertThat(progress.status()).isEqualTo("CANCELLED");
    assertThat(progress.rows()).isEqualTo(activities.committedRows.size()).isLessThan(100_000);
    assertThat(activities.finished).singleElement()
        .isEqualTo(new ImportActivities.FinishRequest("imp-steer", "CANCELLED", null));
  }

  @Test
  void aFileThatCannotBeReadEndsTheImportFailedWithTheReason(TestWorkflowEnvironment env, Worker worker) {
    var activities = new InMemoryImportActivities(10, 5, 1, 10_000, 0);
    activities.fileGone = true;
    start(env, worker, activities, "imp-gone");

    ImportProgress progress = result(env, "imp-gone");

    assertThat(progress.status()).isEqualTo("FAILED");
    assertThat(activities.finished).singleElement()
        .isEqualTo(new ImportActivities.FinishRequest("imp-gone", "FAILED", ImportActivities.FILE_UNREADABLE));
  }
}
