package io.workerplatform.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import io.workerplatform.common.CliRecipes;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class WebhookCliRecipeTest {

  @RegisterExtension
  static final TestWorkflowExtension testWorkflow =
      TestWorkflowExtension.newBuilder()
          .registerWorkflowImplementationTypes(WebhookDeliveryWorkflowImpl.class)
          .setDoNotStart(true)
          .build();

  @Test
  void theReadmeRecipeStartsADeliveryFromRawJson(TestWorkflowEnvironment env, Worker unused)
      throws Exception {
    List<CliRecipes.StartRecipe> recipes =
        CliRecipes.startRecipes(CliRecipes.readme()).stream()
            .filter(r -> "WebhookDeliveryWorkflow".equals(r.type()))
            .toList();
    assertThat(recipes).isNotEmpty();
    ScriptedWebhookActivities activities = new ScriptedWebhookActivities(200, 200, 200);
    // The recipe names the production task queue: serve it.
    Worker worker = env.newWorker(WebhookDeliveryWorkflow.TASK_QUEUE);
    worker.registerWorkflowImplementationTypes(WebhookDeliveryWorkflowImpl.class);
    worker.registerActivitiesImplementations(activities);
    env.start();

    for (CliRecipes.StartRecipe recipe : recipes) {
      assertThat(recipe.taskQueue()).isEqualTo(WebhookDeliveryWorkflow.TASK_QUEUE);
      CliRecipes.start(env.getWorkflowServiceStubs(), env.getNamespace(), recipe);
      DeliveryStatus result =
          env.getWorkflowClient()
              .newUntypedWorkflowStub(recipe.workflowId())
              .getResult(DeliveryStatus.class);
      String deliveryId = recipe.workflowId().substring("webhook-delivery/".length());
      assertThat(recipe.workflowId()).isEqualTo(WebhookDeliveryWorkflow.workflowId(deliveryId));
      assertThat(result.deliveryId()).isEqualTo(deliveryId);
      assertThat(result.status()).isEqualTo(WebhookDeliveryWorkflow.DELIVERED);
      assertThat(activities.calls.get(activities.calls.size() - 1).request().deliveryId())
          .isEqualTo(deliveryId);
    }
  }
}
