package io.workerplatform.starters;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionResponse;
import io.temporal.client.WorkflowStub;
import io.temporal.common.converter.DefaultDataConverter;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import io.workerplatform.webhooks.AttemptOutcome;
import io.workerplatform.webhooks.AttemptRequest;
import io.workerplatform.webhooks.DeliveryStatus;
import io.workerplatform.webhooks.WebhookActivities;
import io.workerplatform.webhooks.WebhookDeliveryWorkflow;
import io.workerplatform.webhooks.WebhookDeliveryWorkflowImpl;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class WebhookDeliveriesTest {
  private TestWorkflowEnvironment env;
  private WebhookDeliveries deliveries;
  private final List<String> attempted = new CopyOnWriteArrayList<>();
  private final List<String> cancelled = new CopyOnWriteArrayList<>();

  @BeforeEach
  void start() {
    env = TestWorkflowEnvironment.newInstance();
    env.registerSearchAttribute("OrgId", IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD);
    env.registerSearchAttribute("EntityId", IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD);
    Worker worker = env.newWorker(WebhookDeliveryWorkflow.TASK_QUEUE);
    worker.registerWorkflowImplementationTypes(WebhookDeliveryWorkflowImpl.class);
    worker.registerActivitiesImplementations(
        new WebhookActivities() {
          @Override
          public AttemptOutcome attempt(AttemptRequest request) {
            attempted.add(request.deliveryId());
            return new AttemptOutcome(
                attempted.size(),
                request.deliveryId().endsWith("ok") ? AttemptOutcome.Result.DELIVERED
                    : AttemptOutcome.Result.FAILED,
                request.deliveryId().endsWith("ok") ? 200 : 500);
          }

          @Override
          public void markCancelled(String deliveryId) {
            cancelled.add(deliveryId);
          }

          @Override
          public void recordFinal(FinalState state) {
            cancelled.add(state.deliveryId());
          }
        });
    env.start();
    deliveries = new WebhookDeliveries(env.getWorkflowClient());
  }

  @AfterEach
  void stop() {
    env.close();
  }

  private DescribeWorkflowExecutionResponse describe(String deliveryId) {
    return env.getWorkflowServiceStubs()
        .blockingStub()
        .describeWorkflowExecution(
            DescribeWorkflowExecutionRequest.newBuilder()
                .setNamespace(env.getNamespace())
                .setExecution(
                    io.temporal.api.common.v1.WorkflowExecution.newBuilder()
                        .setWorkflowId(WebhookDeliveryWorkflow.workflowId(deliveryId)))
                .build());
  }

  @Test
  void startsWithBusinessIdQueueSearchAttributesAndSummary() {
    var delivery = new WebhookDeliveries.Delivery("acme", "evt_1", "dlv_ok");

    assertThat(deliveries.startDelivery(delivery)).isTrue();
    DeliveryStatus result =
        env.getWorkflowClient()
            .newUntypedWorkflowStub(WebhookDeliveryWorkflow.workflowId("dlv_ok"))
            .getResult(DeliveryStatus.class);

    assertThat(result.status()).isEqualTo(WebhookDeliveryWorkflow.DELIVERED);
    DescribeWorkflowExecutionResponse description = describe("dlv_ok");
    assertThat(description.getExecutionConfig().getTaskQueue().getName()).isEqualTo("webhooks");
    var attributes = description.getWorkflowExecutionInfo().getSearchAttributes().getIndexedFieldsMap();
    assertThat(DefaultDataConverter.STANDARD_INSTANCE.fromPayload(attributes.get("OrgId"), String.class, String.class))
        .isEqualTo("acme");
    assertThat(DefaultDataConverter.STANDARD_INSTANCE.fromPayload(attributes.get("EntityId"), String.class, String.class))
        .isEqualTo("evt_1");
    assertThat(
            DefaultDataConverter.STANDARD_INSTANCE.fromPayload(
                description.getExecutionConfig().getUserMetadata().getSummary(), String.class, String.class))
        .isEqualTo("Webhook delivery dlv_ok of event evt_1");
    assertThat(deliveries.status("dlv_ok")).contains(result);
  }

  @Test
  void publishingAgainStartsNothingNew() {
    var delivery = new WebhookDeliveries.Delivery("acme", "evt_2", "dlv_again_ok");
    deliveries.publishEvent(List.of(delivery));
    env.getWorkflowClient()
        .newUntypedWorkflowStub(WebhookDeliveryWorkflow.workflowId("dlv_again_ok"))
        .getResult(DeliveryStatus.class);

    assertThat(deliveries.startDelivery(delivery)).isFalse();
    deliveries.publishEvent(List.of(delivery));

    assertThat(attempted).containsExactly("dlv_again_ok");
  }

  @Test
  void redeliverRestartsAFailedDelivery() {
    var delivery = new WebhookDeliveries.Delivery("acme", "evt_3", "dlv_fails");
    deliveries.startDelivery(delivery);
    WorkflowStub first =
        env.getWorkflowClient().newUntypedWorkflowStub(WebhookDeliveryWorkflow.workflowId("dlv_fails"));
    assertThat(first.getResult(DeliveryStatus.class).status()).isEqualTo("FAILED");
    String firstRun = describe("dlv_fails").getWorkflowExecutionInfo().getExecution().getRunId();

    deliveries.redeliver(delivery);

    DescribeWorkflowExecutionResponse again = describe("dlv_fails");
    assertThat(again.getWorkflowExecutionInfo().getExecution().getRunId()).isNotEqualTo(firstRun);
    assertThat(again.getWorkflowExecutionInfo().getStatus())
        .isEqualTo(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING);
    assertThat(
            env.getWorkflowClient()
                .newUntypedWorkflowStub(WebhookDeliveryWorkflow.workflowId("dlv_fails"))
                .getResult(DeliveryStatus.class)
                .status())
        .isEqualTo("FAILED");
    assertThat(attempted).hasSize(10).containsOnly("dlv_fails");
  }

  @Test
  void cancelEndsAWaitingDeliveryWithoutAnotherAttempt() throws InterruptedException {
    deliveries.startDelivery(new WebhookDeliveries.Delivery("acme", "evt_4", "dlv_cancel"));
    while (!deliveries.status("dlv_cancel").map(s -> s.status().equals(WebhookDeliveryWorkflow.WAITING)).orElse(false)) {
      Thread.sleep(20);
    }

    assertThat(deliveries.cancel("dlv_cancel")).isTrue();

    DeliveryStatus result =
        env.getWorkflowClient()
            .newUntypedWorkflowStub(WebhookDeliveryWorkflow.workflowId("dlv_cancel"))
            .getResult(DeliveryStatus.class);
    assertThat(result.status()).isEqualTo(WebhookDeliveryWorkflow.CANCELLED);
    assertThat(attempted).containsExactly("dlv_cancel");
    assertThat(cancelled).containsExactly("dlv_cancel");
    assertThat(deliveries.cancel("dlv_never_started")).isFalse();
  }

  @Test
  void statusOfAnUnknownDeliveryIsEmpty() {
    assertThat(deliveries.status("dlv_never")).isEmpty();
  }
}
