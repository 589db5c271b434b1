package io.workerplatform.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
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
        CliRecipes.startRecipes().stream()
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

  @Test
  void theReadmeCancelRecipeEndsAWaitingDeliveryCancelled(TestWorkflowEnvironment env, Worker unused)
      throws Exception {
    CliRecipes.SignalRecipe cancel =
        CliRecipes.signalRecipes().stream()
            .filter(r -> r.name().equals("cancel") && r.workflowId().startsWith("webhook-delivery/"))
            .findFirst()
            .orElseThrow();
    ScriptedWebhookActivities activities = new ScriptedWebhookActivities(500);
    Worker worker = env.newWorker(WebhookDeliveryWorkflow.TASK_QUEUE);
    worker.registerWorkflowImplementationTypes(WebhookDeliveryWorkflowImpl.class);
    worker.registerActivitiesImplementations(activities);
    env.start();
    String deliveryId = cancel.workflowId().substring("webhook-delivery/".length());
    WebhookDeliveryWorkflow workflow =
        env.getWorkflowClient().newWorkflowStub(WebhookDeliveryWorkflow.class,
            WorkflowOptions.newBuilder()
                .setWorkflowId(cancel.workflowId()).setTaskQueue(WebhookDeliveryWorkflow.TASK_QUEUE).build());
    WorkflowClient.start(workflow::deliver, new DeliveryRequest(deliveryId));
    WebhookDeliveryWorkflowTest.awaitStatus(workflow, WebhookDeliveryWorkflow.WAITING);

    CliRecipes.signal(env.getWorkflowServiceStubs(), env.getNamespace(), cancel);

    DeliveryStatus result =
        env.getWorkflowClient().newUntypedWorkflowStub(cancel.workflowId()).getResult(DeliveryStatus.class);
    assertThat(result.status()).isEqualTo(WebhookDeliveryWorkflow.CANCELLED);
    assertThat(activities.recorded)
        .extracting(WebhookActivities.FinalState::deliveryId, WebhookActivities.FinalState::status)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(deliveryId, WebhookDeliveryWorkflow.CANCELLED));
  }
}
