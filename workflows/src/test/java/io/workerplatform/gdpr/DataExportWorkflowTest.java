package io.workerplatform.gdpr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import io.workerplatform.gdpr.RecordingExportActivities.Failure;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class DataExportWorkflowTest {

  @RegisterExtension
  static final TestWorkflowExtension testWorkflow =
      TestWorkflowExtension.newBuilder()
          .registerWorkflowImplementationTypes(DataExportWorkflowImpl.class)
          .setDoNotStart(true)
          .build();

  static DataExportWorkflow start(TestWorkflowEnvironment env, Worker worker, DataExportActivities activities) {
    worker.registerActivitiesImplementations(activities);
    env.start();
    return env.getWorkflowClient().newWorkflowStub(
        DataExportWorkflow.class,
        WorkflowOptions.newBuilder()
            .setWorkflowId(DataExportWorkflow.workflowId("exp_1"))
            .setTaskQueue(worker.getTaskQueue())
            .build());
  }

  @Test
  void marksProcessingThenBuilds(TestWorkflowEnvironment env, Worker worker) {
    var activities = new RecordingExportActivities(Failure.NONE);

    ExportResult result = start(env, worker, activities).run(new ExportInput("exp_1", "org-a", "ct_1"));

    assertThat(result).isEqualTo(new ExportResult("exp_1", ExportResult.COMPLETED, 2048, 9, null));
    assertThat(activities.calls).containsExactly("markProcessing exp_1", "build exp_1 ct_1");
  }

  @Test
  void anExportOutlastsADatabaseOutageOfHours(TestWorkflowEnvironment env, Worker worker) {
    var activities = new RecordingExportActivities(Failure.NONE).unavailableFor(30);
    DataExportWorkflow workflow = start(env, worker, activities);
    long startedAt = env.currentTimeMillis();

    ExportResult result = workflow.run(new ExportInput("exp_1", "org-a", null));

    assertThat(result.status()).isEqualTo(ExportResult.COMPLETED);
    assertThat(activities.calls).hasSize(32).doesNotContain("markFailed exp_1");
    assertThat(Duration.ofMillis(env.currentTimeMillis() - startedAt)).isGreaterThan(Duration.ofHours(1));
  }

  @Test
  void aBuildThatKeepsFailingIsRetriedForADayThenMarkedFailed(TestWorkflowEnvironment env, Worker worker) {
    var activities = new RecordingExportActivities(Failure.TRANSIENT);
    DataExportWorkflow workflow = start(env, worker, activities);
    long startedAt = env.currentTimeMillis();

    assertThatThrownBy(() -> workflow.run(new ExportInput("exp_1", "org-a", null)))
        .isInstanceOf(WorkflowFailedException.class);

    assertThat(activities.calls).first().isEqualTo("markProcessing exp_1");
    assertThat(activities.calls).last().isEqualTo("markFailed exp_1");
    assertThat(activities.calls).filteredOn(c -> c.startsWith("build")).hasSizeGreaterThan(250);
    // from the first attempt to the last, about the day the retries may take (read from the
    // attempts themselves: the test server may skip past the end once nothing is pending)
    long first = activities.buildScheduledAt.get(0);
    long last = activities.buildScheduledAt.get(activities.buildScheduledAt.size() - 1);
    assertThat(Duration.ofMillis(last - first)).isBetween(Duration.ofHours(23), Duration.ofHours(24));
    assertThat(env.currentTimeMillis() - startedAt).isGreaterThanOrEqualTo(last - first);
    assertThat(activities.failures).singleElement().asString()
        .isEqualTo("java.lang.IllegalStateException: file storage unavailable");
  }

  @Test
  void aPermanentFailureIsNotRetried(TestWorkflowEnvironment env, Worker worker) {
    var activities = new RecordingExportActivities(Failure.PERMANENT);
    DataExportWorkflow workflow = start(env, worker, activities);

    assertThatThrownBy(() -> workflow.run(new ExportInput("exp_1", "org-a", null)))
        .isInstanceOf(WorkflowFailedException.class);

    assertThat(activities.calls).containsExactly("markProcessing exp_1", "build exp_1 null", "markFailed exp_1");
    assertThat(activities.failures).containsExactly("ExportNotFound: export gone");
  }

  @Test
  void aMissingExportIdIsRejectedNamingTheField(TestWorkflowEnvironment env, Worker worker) {
    var activities = new RecordingExportActivities(Failure.NONE);
    DataExportWorkflow workflow = start(env, worker, activities);

    assertThatThrownBy(() -> workflow.run(new ExportInput(null, "org-a", null)))
        .isInstanceOf(WorkflowFailedException.class)
        .rootCause().hasMessageContaining("exportId is required");
    assertThat(activities.calls).isEmpty();
  }
}
