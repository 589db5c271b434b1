package io.workerplatform.sap;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import io.workerplatform.common.CliRecipes;
import io.workerplatform.sap.SapSyncWorkflow.SyncResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** docs/kyc.md's recipe, sent as the CLI sends it. */
class SapSyncCliRecipeTest {

  @RegisterExtension
  static final TestWorkflowExtension testWorkflow = TestWorkflowExtension.newBuilder()
      .registerWorkflowImplementationTypes(SapSyncWorkflowImpl.class)
      .setDoNotStart(true)
      .build();

  @Test
  void theStartRecipeRunsAnOrganizationsSync(TestWorkflowEnvironment env, Worker unused) throws Exception {
    CliRecipes.StartRecipe recipe = CliRecipes.startRecipes().stream()
        .filter(r -> "SapSyncWorkflow".equals(r.type())).findFirst().orElseThrow();
    Worker worker = env.newWorker(SapSyncWorkflow.TASK_QUEUE);
    worker.registerWorkflowImplementationTypes(SapSyncWorkflowImpl.class);
    worker.registerActivitiesImplementations(new SapSyncWorkflowTest.Activities(2, 0));
    env.start();

    CliRecipes.start(env.getWorkflowServiceStubs(), env.getNamespace(), recipe);

    SyncResult result = env.getWorkflowClient().newUntypedWorkflowStub(recipe.workflowId()).getResult(SyncResult.class);
    assertThat(recipe.taskQueue()).isEqualTo(SapSyncWorkflow.TASK_QUEUE);
    assertThat(recipe.workflowId()).isEqualTo(SapSyncWorkflow.workflowId(result.orgId()));
    assertThat(result.status()).isEqualTo("COMPLETED");
    assertThat(result.created()).isEqualTo(4);
  }
}
