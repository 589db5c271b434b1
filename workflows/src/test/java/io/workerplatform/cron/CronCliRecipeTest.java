package io.workerplatform.cron;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import io.workerplatform.common.CliRecipes;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The documented manual-run recipe, sent as the CLI sends it. */
class CronCliRecipeTest {

  @RegisterExtension
  static final TestWorkflowExtension testWorkflow =
      TestWorkflowExtension.newBuilder()
          .registerWorkflowImplementationTypes(CronJobWorkflowImpl.class)
          .setDoNotStart(true)
          .build();

  @Test
  void theDocumentedRecipeRunsAJobFromRawJson(TestWorkflowEnvironment env, Worker unused) throws Exception {
    List<CliRecipes.StartRecipe> recipes =
        CliRecipes.startRecipes().stream()
            .filter(r -> "CronJobWorkflow".equals(r.type()))
            .toList();
    assertThat(recipes).isNotEmpty();
    var activities = new RecordingCronActivities();
    Worker worker = env.newWorker(CronJobWorkflow.TASK_QUEUE);
    worker.registerWorkflowImplementationTypes(CronJobWorkflowImpl.class);
    worker.registerActivitiesImplementations(activities);
    env.start();

    for (CliRecipes.StartRecipe recipe : recipes) {
      assertThat(recipe.taskQueue()).isEqualTo(CronJobWorkflow.TASK_QUEUE);
      assertThat(recipe.workflowId()).startsWith("cron/");
      CliRecipes.start(env.getWorkflowServiceStubs(), env.getNamespace(), recipe);
      CronRunResult result =
          env.getWorkflowClient().newUntypedWorkflowStub(recipe.workflowId()).getResult(CronRunResult.class);
      assertThat(result.outcome()).isEqualTo(CronRunResult.SUCCEEDED);
      CronActivities.CronRun run = activities.started.get(activities.started.size() - 1);
      assertThat(recipe.workflowId()).startsWith(CronJobWorkflow.workflowId(run.job()));
      assertThat(run.input()).isNotEmpty();
    }
  }
}
