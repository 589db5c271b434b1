package io.workerplatform.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class DeliveryBulkActionWorkflowTest {

  @RegisterExtension
  static final TestWorkflowExtension testWorkflow =
      TestWorkflowExtension.newBuilder()
          .registerWorkflowImplementationTypes(DeliveryBulkActionWorkflowImpl.class)
          .setDoNotStart(true)
          .build();

  static DeliveryBulkActionWorkflow start(TestWorkflowEnvironment env, Worker worker, DeliveryBulkActionActivities activities, String actionId) {
    worker.registerActivitiesImplementations(activities);
    env.start();
    DeliveryBulkActionWorkflow workflow =
        env.getWorkflowClient()
            .newWorkflowStub(
                DeliveryBulkActionWorkflow.class,
                WorkflowOptions.newBuilder()
                    .setWorkflowId(DeliveryBulkActionWorkflow.workflowId(actionId))
                    .setTaskQueue(worker.getTaskQueue())
                    .build());
    WorkflowClient.start(workflow::run, DeliveryBulkActionWorkflow.Input.start(actionId));
    return workflow;
  }

  @Test
  void pagesThroughTheMatchingDeliveriesWaitingBetweenPagesThenFinishes(TestWorkflowEnvironment env, Worker worker) {
    ScriptedBulkActionActivities activities = new ScriptedBulkActionActivities(5, 2, Duration.ofSeconds(4));

    DeliveryBulkActionWorkflow workflow = start(env, worker, activities, "wba_1");
    DeliveryBulkActionWorkflow.Progress result =
        env.getWorkflowClient().newUntypedWorkflowStub(DeliveryBulkActionWorkflow.workflowId("wba_1"))
            .getResult(DeliveryBulkActionWorkflow.Progress.class);

    assertThat(activities.applied)
        .containsExactly(List.of("dlv_0001", "dlv_0002"), List.of("dlv_0003", "dlv_0004"), List.of("dlv_0005"));
    assertThat(activities.finished).containsExactly("wba_1");
    assertThat(result).isEqualTo(new DeliveryBulkActionWorkflow.Progress("wba_1", "COMPLETED", 5, 4, 1));
    assertThat(workflow.progress().status()).isEqualTo("COMPLETED");
    // the rate: one wait of the plan's interval between two full pages, none after the last
    List<HistoryEvent> timers =
        env.getWorkflowClient().fetchHistory(DeliveryBulkActionWorkflow.workflowId("wba_1")).getEvents().stream()
            .filter(e -> e.getEventType() == EventType.EVENT_TYPE_TIMER_STARTED)
            .toList();
    assertThat(timers)
        .extracting(e -> e.getTimerStartedEventAttributes().getStartToFireTimeout().getSeconds())
        .containsExactly(4L, 4L);
  }

  @Test
  void continuesAsNewAfterItsPagesPerRunAndCarriesTheCounts(TestWorkflowEnvironment env, Worker worker) {
    int deliveries = DeliveryBulkActionWorkflowImpl.PAGES_PER_RUN + 3;
    ScriptedBulkActionActivities activities = new ScriptedBulkActionActivities(deliveries, 1, Duration.ZERO);

    start(env, worker, activities, "wba_2");
    DeliveryBulkActionWorkflow.Progress result =
        env.getWorkflowClient().newUntypedWorkflowStub(DeliveryBulkActionWorkflow.workflowId("wba_2"))
            .getResult(DeliveryBulkActionWorkflow.Progress.class);

    assertThat(activities.applied).hasSize(deliveries);
    assertThat(activities.applied.stream().map(p -> p.get(0)).distinct().count()).isEqualTo(deliveries);
    assertThat(result.applied() + result.skipped()).isEqualTo(deliveries);
    assertThat(result.skipped()).isEqualTo(deliveries / 3);
    assertThat(activities.finished).containsExactly("wba_2");
    // the last run started where the first stopped
    List<HistoryEvent> lastRun =
        env.getWorkflowClient().fetchHistory(DeliveryBulkActionWorkflow.workflowId("wba_2")).getEvents();
    assertThat(lastRun.get(0).getWorkflowExecutionStartedEventAttributes().getContinuedExecutionRunId()).isNotEmpty();
  }
}
