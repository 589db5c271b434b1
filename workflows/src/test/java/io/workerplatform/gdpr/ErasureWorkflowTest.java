package io.workerplatform.gdpr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ErasureWorkflowTest {

  @RegisterExtension
  static final TestWorkflowExtension testWorkflow =
      TestWorkflowExtension.newBuilder()
          .registerWorkflowImplementationTypes(ErasureWorkflowImpl.class)
          .setDoNotStart(true)
          .build();

  static ErasureWorkflow start(TestWorkflowEnvironment env, Worker worker, ErasureActivities activities, String contactId) {
    worker.registerActivitiesImplementations(activities);
    env.start();
    return env.getWorkflowClient().newWorkflowStub(
        ErasureWorkflow.class,
        WorkflowOptions.newBuilder()
            .setWorkflowId(ErasureWorkflow.workflowId(contactId))
            .setTaskQueue(worker.getTaskQueue())
            .build());
  }

  @Test
  void erasesTheContactAndRecordsTheCounts(TestWorkflowEnvironment env, Worker worker) {
    var activities = new RecordingErasureActivities(true);
    ErasureWorkflow workflow = start(env, worker, activities, "ct_1");

    ErasureResult result = workflow.run(new ErasureInput("org-a", "ct_1"));

    assertThat(result).isEqualTo(new ErasureResult("ct_1", ErasureResult.COMPLETED, RecordingErasureActivities.COUNTS, null));
    assertThat(activities.erased).containsExactly(new ErasureInput("org-a", "ct_1"));
    assertThat(activities.outcomes).containsExactly(result);
  }

  @Test
  void anErasureOutlastsADatabaseOutageOfHours(TestWorkflowEnvironment env, Worker worker) {
    // 30 failed tries at intervals doubling from 1 s to 5 min: about two hours.
    var activities = new RecordingErasureActivities(true).unavailableFor(30);
    ErasureWorkflow workflow = start(env, worker, activities, "ct_1");
    long startedAt = env.currentTimeMillis();

    ErasureResult result = workflow.run(new ErasureInput("org-a", "ct_1"));

    assertThat(result.status()).isEqualTo(ErasureResult.COMPLETED);
    assertThat(activities.erased).hasSize(31);
    assertThat(activities.outcomes).containsExactly(result);
    assertThat(Duration.ofMillis(env.currentTimeMillis() - startedAt)).isGreaterThan(Duration.ofHours(1));
  }

  @Test
  void anUnknownContactFailsOnceRecordedAndIsNotRetried(TestWorkflowEnvironment env, Worker worker) {
    var activities = new RecordingErasureActivities(false);
    ErasureWorkflow workflow = start(env, worker, activities, "ct_x");

    assertThatThrownBy(() -> workflow.run(new ErasureInput("org-a", "ct_x")))
        .isInstanceOf(WorkflowFailedException.class)
        .cause().isInstanceOf(ActivityFailure.class)
        .cause().isInstanceOfSatisfying(ApplicationFailure.class,
            f -> assertThat(f.getType()).isEqualTo(ErasureActivities.CONTACT_NOT_FOUND));
    assertThat(activities.erased).hasSize(1);
    assertThat(activities.outcomes).singleElement().satisfies(outcome -> {
      assertThat(outcome.status()).isEqualTo(ErasureResult.FAILED);
      assertThat(outcome.error()).isEqualTo("ContactNotFound: contact ct_x does not exist in organization org-a");
    });
  }

  @Test
  void aMissingContactIdIsRejectedNamingTheField(TestWorkflowEnvironment env, Worker worker) {
    var activities = new RecordingErasureActivities(true);
    ErasureWorkflow workflow = start(env, worker, activities, "ct_blank");

    assertThatThrownBy(() -> workflow.run(new ErasureInput("org-a", " ")))
        .isInstanceOf(WorkflowFailedException.class)
        .rootCause().hasMessageContaining("contactId is required");
    assertThat(activities.erased).isEmpty();
    assertThat(activities.outcomes).isEmpty();
  }
}
