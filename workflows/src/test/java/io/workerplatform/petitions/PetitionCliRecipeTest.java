package io.workerplatform.petitions;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import io.workerplatform.common.CliRecipes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The documented closing-timer recipes, sent as the CLI sends them (raw JSON input). */
class PetitionCliRecipeTest {

  @RegisterExtension
  static final TestWorkflowExtension testWorkflow =
      TestWorkflowExtension.newBuilder()
          .registerWorkflowImplementationTypes(PetitionCloseWorkflowImpl.class)
          .setDoNotStart(true)
          .build();

  @Test
  void theDocumentedRecipesStartAndCancelAClosingTimerFromRawJson(TestWorkflowEnvironment env, Worker unused)
      throws Exception {
    var start = CliRecipes.startRecipes().stream().filter(r -> "PetitionCloseWorkflow".equals(r.type())).toList();
    assertThat(start).hasSize(1);
    var signal =
        CliRecipes.signalRecipes().stream().filter(r -> r.workflowId().startsWith("petition-close/")).toList();
    assertThat(signal).hasSize(1);
    var activities = new RecordingPetitionActivities(PetitionCloseWorkflow.CLOSED);
    Worker worker = env.newWorker(PetitionCloseWorkflow.TASK_QUEUE);
    worker.registerWorkflowImplementationTypes(PetitionCloseWorkflowImpl.class);
    worker.registerActivitiesImplementations(activities);
    env.start();

    CliRecipes.StartRecipe recipe = start.get(0);
    assertThat(recipe.taskQueue()).isEqualTo(PetitionCloseWorkflow.TASK_QUEUE);
    assertThat(recipe.workflowId()).isEqualTo(PetitionCloseWorkflow.workflowId("acme", "pet_123"));
    CliRecipes.start(env.getWorkflowServiceStubs(), env.getNamespace(), recipe);
    assertThat(signal.get(0).workflowId()).isEqualTo(recipe.workflowId());
    assertThat(signal.get(0).name()).isEqualTo("reschedule");
    CliRecipes.signal(env.getWorkflowServiceStubs(), env.getNamespace(), signal.get(0));

    assertThat(env.getWorkflowClient().newUntypedWorkflowStub(recipe.workflowId()).getResult(String.class))
        .isEqualTo(PetitionCloseWorkflow.CANCELLED);
    assertThat(activities.closed).isEmpty();
  }
}
