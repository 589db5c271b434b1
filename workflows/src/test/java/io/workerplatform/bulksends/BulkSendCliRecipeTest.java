package io.workerplatform.bulksends;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import io.workerplatform.common.CliRecipes;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class BulkSendCliRecipeTest {

  @RegisterExtension
  static final TestWorkflowExtension testWorkflow =
      TestWorkflowExtension.newBuilder()
          .registerWorkflowImplementationTypes(BulkSendWorkflowImpl.class)
          .setDoNotStart(true)
          .build();

  @Test
  void theReadmeRecipeStartsABulkSendFromRawJson(TestWorkflowEnvironment env, Worker unused) throws Exception {
    List<CliRecipes.StartRecipe> recipes =
        CliRecipes.startRecipes().stream()
            .filter(r -> "BulkSendWorkflow".equals(r.type()))
            .toList();
    assertThat(recipes).isNotEmpty();
    var activities =
        new InMemoryBulkSendActivities(BulkSendWorkflowTest.recipients(9), new BulkSendPlan(9, 4, 2, 10_000), 0);
    Worker worker = env.newWorker(BulkSendWorkflow.TASK_QUEUE);
    worker.registerWorkflowImplementationTypes(BulkSendWorkflowImpl.class);
    worker.registerActivitiesImplementations(activities);
    env.start();

    for (CliRecipes.StartRecipe recipe : recipes) {
      assertThat(recipe.taskQueue()).isEqualTo(BulkSendWorkflow.TASK_QUEUE);
      CliRecipes.start(env.getWorkflowServiceStubs(), env.getNamespace(), recipe);
      BulkSendProgress result =
          env.getWorkflowClient().newUntypedWorkflowStub(recipe.workflowId()).getResult(BulkSendProgress.class);
      String bulkSendId = recipe.workflowId().substring("bulk-send/".length());
      assertThat(recipe.workflowId()).isEqualTo(BulkSendWorkflow.workflowId(bulkSendId));
      assertThat(result.bulkSendId()).isEqualTo(bulkSendId);
      assertThat(result.status()).isEqualTo(BulkSendWorkflow.COMPLETED);
      assertThat(activities.finished.get(activities.finished.size() - 1).bulkSendId()).isEqualTo(bulkSendId);
    }
  }
}
