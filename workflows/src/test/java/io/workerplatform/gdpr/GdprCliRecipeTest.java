package io.workerplatform.gdpr;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import io.workerplatform.common.CliRecipes;
import io.workerplatform.gdpr.RecordingExportActivities.Failure;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The documented erasure and export recipes, sent as the CLI sends them (raw JSON input). */
class GdprCliRecipeTest {

  @RegisterExtension
  static final TestWorkflowExtension testWorkflow =
      TestWorkflowExtension.newBuilder()
          .registerWorkflowImplementationTypes(ErasureWorkflowImpl.class, DataExportWorkflowImpl.class)
          .setDoNotStart(true)
          .build();

  @Test
  void theDocumentedRecipesEraseAndExportFromRawJson(TestWorkflowEnvironment env, Worker unused) throws Exception {
    List<CliRecipes.StartRecipe> recipes = CliRecipes.startRecipes();
    var erasure = recipes.stream().filter(r -> "ErasureWorkflow".equals(r.type())).toList();
    var export = recipes.stream().filter(r -> "DataExportWorkflow".equals(r.type())).toList();
    assertThat(erasure).hasSize(1);
    assertThat(export).hasSize(1);
    var erasures = new RecordingErasureActivities(true);
    var exports = new RecordingExportActivities(Failure.NONE);
    Worker worker = env.newWorker("gdpr");
    worker.registerWorkflowImplementationTypes(ErasureWorkflowImpl.class, DataExportWorkflowImpl.class);
    worker.registerActivitiesImplementations(erasures, exports);
    env.start();

    CliRecipes.StartRecipe erase = erasure.get(0);
    assertThat(erase.taskQueue()).isEqualTo(ErasureWorkflow.TASK_QUEUE);
    CliRecipes.start(env.getWorkflowServiceStubs(), env.getNamespace(), erase);
    ErasureResult erased = env.getWorkflowClient().newUntypedWorkflowStub(erase.workflowId()).getResult(ErasureResult.class);
    assertThat(erased.status()).isEqualTo(ErasureResult.COMPLETED);
    assertThat(erasures.erased).containsExactly(new ErasureInput("acme", "con_123"));
    assertThat(erase.workflowId()).isEqualTo(ErasureWorkflow.workflowId("con_123"));

    CliRecipes.StartRecipe exp = export.get(0);
    assertThat(exp.taskQueue()).isEqualTo(DataExportWorkflow.TASK_QUEUE);
    CliRecipes.start(env.getWorkflowServiceStubs(), env.getNamespace(), exp);
    ExportResult exported = env.getWorkflowClient().newUntypedWorkflowStub(exp.workflowId()).getResult(ExportResult.class);
    assertThat(exported.status()).isEqualTo(ExportResult.COMPLETED);
    assertThat(exports.calls).containsExactly("markProcessing exp_123", "build exp_123 con_123");
    assertThat(exp.workflowId()).isEqualTo(DataExportWorkflow.workflowId("exp_123"));
  }
}
