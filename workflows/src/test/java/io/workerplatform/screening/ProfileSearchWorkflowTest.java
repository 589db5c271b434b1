package io.workerplatform.screening;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ProfileSearchWorkflowTest {

  @RegisterExtension
  static final TestWorkflowExtension testWorkflow =
      TestWorkflowExtension.newBuilder()
          .registerWorkflowImplementationTypes(ProfileSearchWorkflowImpl.class)
          .setDoNotStart(true)
          .build();

  static ProfileSearchWorkflow start(
      TestWorkflowEnvironment env, Worker worker, InMemoryProfileSearchActivities activities, String id) {
    worker.registerActivitiesImplementations(activities);
    env.start();
    ProfileSearchWorkflow workflow = env.getWorkflowClient().newWorkflowStub(ProfileSearchWorkflow.class,
        WorkflowOptions.newBuilder()
            .setWorkflowId(ProfileSearchWorkflow.workflowId(id))
            .setTaskQueue(worker.getTaskQueue())
            .build());
    WorkflowClient.start(workflow::run, SearchInput.start(id));
    return workflow;
  }

  static SearchProgress result(TestWorkflowEnvironment env, String id) {
    return env.getWorkflowClient().newUntypedWorkflowStub(ProfileSearchWorkflow.workflowId(id)).getResult(SearchProgress.class);
  }

  @Test
  void everyProfileIsScreenedOnceInBatchesAndTheHistoryStaysBounded(TestWorkflowEnvironment env, Worker worker) {
    List<String> ids = InMemoryProfileSearchActivities.profiles(200);
    var activities = new InMemoryProfileSearchActivities(ids, new SearchPlan(200, 10, 30), 0);
    start(env, worker, activities, "scr-all");

    SearchProgress progress = result(env, "scr-all");

    assertThat(progress).isEqualTo(new SearchProgress("scr-all", "COMPLETED", 200, 200, 40, 23, progress.run()));
    assertThat(activities.screened).containsExactlyElementsOf(ids);
    assertThat(progress.run()).as("continued as new").isGreaterThan(3);
    var history = env.getWorkflowClient().fetchHistory(ProfileSearchWorkflow.workflowId("scr-all"));
    assertThat(history.getEvents()).hasSizeLessThan(60);
    assertThat(activities.finished).singleElement()
        .isEqualTo(new ProfileSearchActivities.FinishRequest("scr-all", "COMPLETED", null));
  }

  @Test
  void aPausedScreeningStartsNoBatchUntilResumedAndACancelStopsTheBatchInFlight(
      TestWorkflowEnvironment env, Worker worker) throws InterruptedException {
    var activities = new InMemoryProfileSearchActivities(
        InMemoryProfileSearchActivities.profiles(100), new SearchPlan(100, 10, 10_000), 30);
    ProfileSearchWorkflow workflow = start(env, worker, activities, "scr-steer");
    workflow.pause();
    Thread.sleep(800);
    int whilePaused = activities.screened.size();
    assertThat(workflow.progress().status()).isEqualTo("PAUSED");
    Thread.sleep(600);
    assertThat(activities.screened.size()).as("at most the batch in flight finished").isLessThanOrEqualTo(Math.max(whilePaused, 10));
    workflow.resume();
    while (activities.screened.size() < 25) {
      Thread.sleep(10);
    }
    workflow.cancel();

    SearchProgress progress = result(env, "scr-steer");

    assertThat(progress.status()).isEqualTo("CANCELLED");
    assertThat(activities.screened.size()).isLessThan(100);
    assertThat(progress.screened()).isEqualTo(activities.screened.size());
    assertThat(activities.finished).singleElement()
        .isEqualTo(new ProfileSearchActivities.FinishRequest("scr-steer", "CANCELLED", null));
  }

  @Test
  void aRefusedKeyEndsTheScreeningFailedWithTheReason(TestWorkflowEnvironment env, Worker worker) {
    var activities = new InMemoryProfileSearchActivities(List.of("p001", "p002", "p003x", "p004"), new SearchPlan(4, 2, 10_000), 0);
    start(env, worker, activities, "scr-refused");

    SearchProgress progress = result(env, "scr-refused");

    assertThat(progress.status()).isEqualTo("FAILED");
    assertThat(activities.screened).containsExactly("p001", "p002");
    assertThat(activities.finished).singleElement().isEqualTo(
        new ProfileSearchActivities.FinishRequest("scr-refused", "FAILED", ProfileSearchActivities.UNAUTHORIZED));
  }
}
