package io.workerplatform.events;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import io.workerplatform.common.CliRecipes;
import io.workerplatform.events.EventRetryWorkflow.RetryOutcome;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** docs/events.md's retry recipe, sent as the CLI sends it. */
class EventRetryCliRecipeTest {

  @RegisterExtension
  static final TestWorkflowExtension testWorkflow = TestWorkflowExtension.newBuilder()
      .registerWorkflowImplementationTypes(EventRetryWorkflowImpl.class)
      .setDoNotStart(true)
      .build();

  @Test
  void theRetryRecipeRunsTheNamedFailedHandlerAgain(TestWorkflowEnvironment env, Worker unused) throws Exception {
    CliRecipes.StartRecipe start = CliRecipes.startRecipes().stream()
        .filter(r -> "EventRetryWorkflow".equals(r.type())).findFirst().orElseThrow();
    EventRetryWorkflowTest.RetryActivities activities =
        new EventRetryWorkflowTest.RetryActivities(List.of("audit", "webhooks"), null);
    Worker worker = env.newWorker(EventRetryWorkflow.TASK_QUEUE);
    worker.registerWorkflowImplementationTypes(EventRetryWorkflowImpl.class);
    worker.registerActivitiesImplementations(activities);
    env.start();
    assertThat(start.taskQueue()).isEqualTo(EventRetryWorkflow.TASK_QUEUE);

    CliRecipes.start(env.getWorkflowServiceStubs(), env.getNamespace(), start);

    RetryOutcome outcome = env.getWorkflowClient().newUntypedWorkflowStub(start.workflowId()).getResult(RetryOutcome.class);
    assertThat(outcome).isEqualTo(new RetryOutcome(List.of("webhooks"), List.of()));
    assertThat(activities.calls).containsExactly("begin webhooks", "handle webhooks after 10");
    assertThat(start.workflowId()).isEqualTo(EventRetryWorkflow.workflowId("acme", "evt_1"));
  }
}
