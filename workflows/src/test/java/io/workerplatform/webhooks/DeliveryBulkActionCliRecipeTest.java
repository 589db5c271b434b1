package io.workerplatform.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import io.workerplatform.common.CliRecipes;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The documented bulk-action recipe, sent as the CLI sends it (raw JSON input). */
class DeliveryBulkActionCliRecipeTest {

  @RegisterExtension
  static final TestWorkflowExtension testWorkflow =
      TestWorkflowExtension.newBuilder()
          .registerWorkflowImplementationTypes(DeliveryBulkActionWorkflowImpl.class)
          .setDoNotStart(true)
          .build();

  @Test
  void theDocumentedRecipeRunsAStoredBulkActionFromRawJson(TestWorkflowEnvironment env, Worker unused) throws Exception {
    List<CliRecipes.StartRecipe> recipes =
        CliRecipes.startRecipes().stream().filter(r -> "DeliveryBulkActionWorkflow".equals(r.type())).toList();
    assertThat(recipes).hasSize(1);
    ScriptedBulkActionActivities activities = new ScriptedBulkActionActivities(3, 2, Duration.ofSeconds(1));
    Worker worker = env.newWorker(DeliveryBulkActionWorkflow.TASK_QUEUE);
    worker.registerWorkflowImplementationTypes(DeliveryBulkActionWorkflowImpl.class);
    worker.registerActivitiesImplementations(activities);
    env.start();

    CliRecipes.StartRecipe recipe = recipes.get(0);
    assertThat(recipe.taskQueue()).isEqualTo(DeliveryBulkActionWorkflow.TASK_QUEUE);
    assertThat(recipe.workflowId()).isEqualTo(DeliveryBulkActionWorkflow.workflowId("wba_123"));
    CliRecipes.start(env.getWorkflowServiceStubs(), env.getNamespace(), recipe);
    DeliveryBulkActionWorkflow.Progress result =
        env.getWorkflowClient().newUntypedWorkflowStub(recipe.workflowId()).getResult(DeliveryBulkActionWorkflow.Progress.class);

    assertThat(result.actionId()).isEqualTo("wba_123");
    assertThat(result.status()).isEqualTo(DeliveryBulkActionWorkflow.COMPLETED);
    assertThat(activities.finished).containsExactly("wba_123");
  }
}
