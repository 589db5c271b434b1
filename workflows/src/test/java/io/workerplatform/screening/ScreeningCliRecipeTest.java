package io.workerplatform.screening;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import io.workerplatform.common.CliRecipes;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** docs/kyc.md's recipes, sent as the CLI sends them. */
class ScreeningCliRecipeTest {

  @RegisterExtension
  static final TestWorkflowExtension testWorkflow = TestWorkflowExtension.newBuilder()
      .registerWorkflowImplementationTypes(ProfileSearchWorkflowImpl.class, ScreeningRefreshWorkflowImpl.class)
      .setDoNotStart(true)
      .build();

  @Test
  void theStartPauseResumeAndCancelRecipesSteerAScreening(TestWorkflowEnvironment env, Worker unused) throws Exception {
    CliRecipes.StartRecipe start = CliRecipes.startRecipes().stream()
        .filter(r -> "ProfileSearchWorkflow".equals(r.type())).findFirst().orElseThrow();
    List<CliRecipes.SignalRecipe> signals = CliRecipes.signalRecipes().stream()
        .filter(r -> r.workflowId().equals(start.workflowId())).toList();
    assertThat(signals).extracting(CliRecipes.SignalRecipe::name).containsExactly("pause", "resume", "cancel");
    var activities = new InMemoryProfileSearchActivities(
        InMemoryProfileSearchActivities.profiles(200), new SearchPlan(200, 5, 10_000), 20);
    Worker worker = screeningWorker(env);
    worker.registerActivitiesImplementations(activities, new ScreeningRefreshWorkflowTest.Activities(0));
    env.start();
    assertThat(start.taskQueue()).isEqualTo(ProfileSearchWorkflow.TASK_QUEUE);
    String screeningId = start.workflowId().substring("profile-search/".length());
    assertThat(start.workflowId()).isEqualTo(ProfileSearchWorkflow.workflowId(screeningId));

    CliRecipes.start(env.getWorkflowServiceStubs(), env.getNamespace(), start);
    ProfileSearchWorkflow workflow = env.getWorkflowClient().newWorkflowStub(ProfileSearchWorkflow.class, start.workflowId());
    CliRecipes.signal(env.getWorkflowServiceStubs(), env.getNamespace(), signals.get(0));
    for (int i = 0; i < 200 && !"PAUSED".equals(workflow.progress().status()); i++) {
      Thread.sleep(20);
    }
    assertThat(workflow.progress().status()).isEqualTo("PAUSED");
    CliRecipes.signal(env.getWorkflowServiceStubs(), env.getNamespace(), signals.get(1));
    CliRecipes.signal(env.getWorkflowServiceStubs(), env.getNamespace(), signals.get(2));

    SearchProgress result = env.getWorkflowClient().newUntypedWorkflowStub(start.workflowId()).getResult(SearchProgress.class);
    assertThat(result.screeningId()).isEqualTo(screeningId);
    assertThat(result.status()).isEqualTo("CANCELLED");
    assertThat(activities.screened.size()).isLessThan(200);
  }

  @Test
  void theRefreshRecipeReadsAMonitoredSearch(TestWorkflowEnvironment env, Worker unused) throws Exception {
    CliRecipes.StartRecipe refresh = CliRecipes.startRecipes().stream()
        .filter(r -> "ScreeningRefreshWorkflow".equals(r.type())).findFirst().orElseThrow();
    var activities = new ScreeningRefreshWorkflowTest.Activities(0);
    Worker worker = screeningWorker(env);
    worker.registerActivitiesImplementations(activities, new InMemoryProfileSearchActivities(List.of(), new SearchPlan(0, 1, 100), 0));
    env.start();

    CliRecipes.start(env.getWorkflowServiceStubs(), env.getNamespace(), refresh);

    assertThat(env.getWorkflowClient().newUntypedWorkflowStub(refresh.workflowId()).getResult(Boolean.class)).isFalse();
    assertThat(refresh.workflowId()).isEqualTo(ScreeningRefreshWorkflow.workflowId("org_1", "5012"));
    assertThat(activities.calls).containsExactly("org_1/5012");
  }

  /** The recipes name the real queue: a worker on it. */
  private static Worker screeningWorker(TestWorkflowEnvironment env) {
    Worker worker = env.newWorker(ProfileSearchWorkflow.TASK_QUEUE);
    worker.registerWorkflowImplementationTypes(ProfileSearchWorkflowImpl.class, ScreeningRefreshWorkflowImpl.class);
    return worker;
  }
}
