package io.workerplatform.imports;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import io.workerplatform.common.CliRecipes;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** docs/imports.md's recipes, sent as the CLI sends them. */
class ImportCliRecipeTest {

  @RegisterExtension
  static final TestWorkflowExtension testWorkflow = TestWorkflowExtension.newBuilder()
      .registerWorkflowImplementationTypes(ImportWorkflowImpl.class)
      .setDoNotStart(true)
      .build();

  @Test
  void theStartPauseResumeAndCancelRecipesSteerAnImport(TestWorkflowEnvironment env, Worker unused) throws Exception {
    CliRecipes.StartRecipe start = CliRecipes.startRecipes().stream()
        .filter(r -> "ImportWorkflow".equals(r.type())).findFirst().orElseThrow();
    List<CliRecipes.SignalRecipe> signals = CliRecipes.signalRecipes().stream()
        .filter(r -> r.workflowId().equals(start.workflowId())).toList();
    assertThat(signals).extracting(CliRecipes.SignalRecipe::name).containsExactly("pause", "resume", "cancel");
    var activities = new InMemoryImportActivities(100_000, 10, 5, 10_000, 20);
    // the recipes name the real queue: a worker on it
    Worker worker = env.newWorker(ImportWorkflow.TASK_QUEUE);
    worker.registerWorkflowImplementationTypes(ImportWorkflowImpl.class);
    worker.registerActivitiesImplementations(activities);
    env.start();
    assertThat(start.taskQueue()).isEqualTo(ImportWorkflow.TASK_QUEUE);
    String importId = start.workflowId().substring("import/".length());
    assertThat(start.workflowId()).isEqualTo(ImportWorkflow.workflowId(importId));

    CliRecipes.start(env.getWorkflowServiceStubs(), env.getNamespace(), start);
    ImportWorkflow workflow = env.getWorkflowClient().newWorkflowStub(ImportWorkflow.class, start.workflowId());
    CliRecipes.signal(env.getWorkflowServiceStubs(), env.getNamespace(), signals.get(0));
    for (int i = 0; i < 200 && !"PAUSED".equals(workflow.progress().status()); i++) {
      Thread.sleep(20);
    }
    assertThat(workflow.progress().status()).isEqualTo("PAUSED");
    CliRecipes.signal(env.getWorkflowServiceStubs(), env.getNamespace(), signals.get(1));
    CliRecipes.signal(env.getWorkflowServiceStubs(), env.getNamespace(), signals.get(2));

    ImportProgress result = env.getWorkflowClient().newUntypedWorkflowStub(start.workflowId()).getResult(ImportProgress.class);
    assertThat(result.importId()).isEqualTo(importId);
    assertThat(result.status()).isEqualTo("CANCELLED");
    assertThat(result.rows()).isEqualTo(activities.committedRows.size()).isLessThan(100_000);
  }
}
