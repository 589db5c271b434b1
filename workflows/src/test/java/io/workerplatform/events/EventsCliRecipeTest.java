package io.workerplatform.events;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import io.workerplatform.common.CliRecipes;
import io.workerplatform.events.ScriptedEventActivities.Handler;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The docs' `temporal` recipes for events, sent as the CLI sends them (raw JSON payloads). */
class EventsCliRecipeTest {

  @RegisterExtension
  static final TestWorkflowExtension testWorkflow =
      TestWorkflowExtension.newBuilder().setDoNotStart(true).build();

  private static ScriptedEventActivities serve(TestWorkflowEnvironment env) {
    Worker worker = env.newWorker(DomainEventWorkflow.TASK_QUEUE);
    worker.registerWorkflowImplementationTypes(DomainEventWorkflowImpl.class);
    ScriptedEventActivities activities = new ScriptedEventActivities(env::currentTimeMillis, Handler.ok("audit"));
    worker.registerActivitiesImplementations(activities);
    env.start();
    return activities;
  }

  private static DomainEventWorkflow start(TestWorkflowEnvironment env, String workflowId, String orgId, String eventId) {
    DomainEventWorkflow workflow =
        env.getWorkflowClient().newWorkflowStub(DomainEventWorkflow.class,
            WorkflowOptions.newBuilder().setWorkflowId(workflowId).setTaskQueue(DomainEventWorkflow.TASK_QUEUE).build());
    WorkflowClient.start(workflow::process, new EventRequest(orgId, eventId));
    return workflow;
  }

  private static String[] orgAndEvent(String workflowId) {
    String[] parts = workflowId.split("/");
    return new String[] {parts[1], parts[2]};
  }

  @Test
  void theStartRecipeProcessesAStoredEventFromRawJson(TestWorkflowEnvironment env, Worker unused) throws Exception {
    List<CliRecipes.StartRecipe> recipes =
        CliRecipes.startRecipes().stream().filter(r -> DomainEventWorkflow.TYPE.equals(r.type())).toList();
    assertThat(recipes).isNotEmpty();
    ScriptedEventActivities activities = serve(env);

    for (CliRecipes.StartRecipe recipe : recipes) {
      String[] ids = orgAndEvent(recipe.workflowId());
      assertThat(recipe.workflowId()).isEqualTo(DomainEventWorkflow.workflowId(ids[0], ids[1]));
      assertThat(recipe.taskQueue()).isEqualTo(DomainEventWorkflow.TASK_QUEUE);
      activities.add(ids[0], ids[1], null, null);
      CliRecipes.start(env.getWorkflowServiceStubs(), env.getNamespace(), recipe);
      EventStatus result = env.getWorkflowClient().newUntypedWorkflowStub(recipe.workflowId()).getResult(EventStatus.class);
      assertThat(result.status()).isEqualTo(DomainEventWorkflow.PROCESSED);
      assertThat(activities.calls("handle", ids[1])).containsExactly("handle " + ids[1] + " audit 1");
    }
  }

  @Test
  void theCancelRecipeEndsAScheduledEventWhoseRowWasCancelled(TestWorkflowEnvironment env, Worker unused)
      throws Exception {
    CliRecipes.SignalRecipe cancel =
        CliRecipes.signalRecipes().stream()
            .filter(r -> r.name().equals(DomainEventWorkflow.CANCEL_SIGNAL) && r.workflowId().startsWith("domain-event/"))
            .findFirst()
            .orElseThrow();
    ScriptedEventActivities activities = serve(env);
    String[] ids = orgAndEvent(cancel.workflowId());
    var event = activities.add(ids[0], ids[1], Instant.ofEpochMilli(env.currentTimeMillis()).plus(Duration.ofDays(1)), null);
    DomainEventWorkflow workflow = start(env, cancel.workflowId(), ids[0], ids[1]);
    DomainEventWorkflowTest.await(() -> DomainEventWorkflow.SCHEDULED.equals(workflow.status().status()));
    event.status = DomainEventWorkflow.CANCELLED;

    CliRecipes.signal(env.getWorkflowServiceStubs(), env.getNamespace(), cancel);

    EventStatus result = env.getWorkflowClient().newUntypedWorkflowStub(cancel.workflowId()).getResult(EventStatus.class);
    assertThat(result.status()).isEqualTo(DomainEventWorkflow.CANCELLED);
    assertThat(activities.calls("handle", ids[1])).isEmpty();
  }

  @Test
  void theProceedRecipeMakesAWaitingEventLookAgain(TestWorkflowEnvironment env, Worker unused) throws Exception {
    CliRecipes.SignalRecipe proceed =
        CliRecipes.signalRecipes().stream()
            .filter(r -> r.name().equals(DomainEventWorkflow.PROCEED_SIGNAL) && r.workflowId().startsWith("domain-event/"))
            .findFirst()
            .orElseThrow();
    ScriptedEventActivities activities = serve(env);
    String[] ids = orgAndEvent(proceed.workflowId());
    var before = activities.add(ids[0], "evt_before", null, "petition/p1");
    activities.add(ids[0], ids[1], null, "petition/p1");
    DomainEventWorkflow workflow = start(env, proceed.workflowId(), ids[0], ids[1]);
    DomainEventWorkflowTest.await(() -> "evt_before".equals(workflow.status().waitingFor()));
    before.status = DomainEventWorkflow.PROCESSED; // processed by hand, without telling it

    CliRecipes.signal(env.getWorkflowServiceStubs(), env.getNamespace(), proceed);

    EventStatus result = env.getWorkflowClient().newUntypedWorkflowStub(proceed.workflowId()).getResult(EventStatus.class);
    assertThat(result.status()).isEqualTo(DomainEventWorkflow.PROCESSED);
  }
}
