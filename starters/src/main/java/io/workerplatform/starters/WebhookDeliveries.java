package io.workerplatform.starters;

import io.temporal.api.enums.v1.WorkflowIdConflictPolicy;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.workerplatform.webhooks.DeliveryRequest;
import io.workerplatform.webhooks.DeliveryStatus;
import io.workerplatform.webhooks.DeliveryBulkActionWorkflow;
import io.workerplatform.webhooks.WebhookDeliveryWorkflow;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Starts and steers webhook deliveries. It picks the workflow ids, the task queue, the search
 * attributes and the id policies, so callers cannot get them wrong. Everything it sends to
 * Temporal is an id: the event payload stays in PostgreSQL.
 */
public class WebhookDeliveries {

  /** A delivery row to run: its id, and the organization and event it belongs to. */
  public record Delivery(String orgId, String eventId, String deliveryId) {}

  private final WorkflowClient client;
  private final List<Duration> retryDelays;

  /** Deliveries on the platform's standard schedule (1 min, 5 min, 30 min, 6 h). */
  public WebhookDeliveries(WorkflowClient client) {
    this(client, null);
  }

  /**
   * @param retryDelays the waits before attempts 2, 3, ...: a shorter schedule for tests and
   *     development ({@code platform.webhooks.retry-delays}); null: the standard one
   */
  public WebhookDeliveries(WorkflowClient client, List<Duration> retryDelays) {
    this.client = client;
    this.retryDelays = retryDelays == null || retryDelays.isEmpty() ? null : List.copyOf(retryDelays);
  }

  private DeliveryRequest request(Delivery delivery) {
    return new DeliveryRequest(delivery.deliveryId(), retryDelays, null);
  }

  /** The wait before attempt 2 on this facade's schedule; null when a delivery has one attempt. */
  public Duration firstRetryDelay() {
    List<Duration> delays = retryDelays == null ? WebhookDeliveryWorkflow.RETRY_DELAYS : retryDelays;
    return delays.isEmpty() ? null : delays.get(0);
  }

  /**
   * Publishes a stored event to Temporal: starts the workflow of each of its deliveries.
   * Idempotent: a delivery whose workflow runs or ran already is left as it is.
   *
   * @throws io.temporal.client.WorkflowServiceException when Temporal cannot be reached; the
   *     deliveries started before the failure stay started
   */
  public void publishEvent(List<Delivery> deliveries) {
    deliveries.forEach(this::startDelivery);
  }

  /** Starts one delivery's workflow; false when it was already running or had run. */
  public boolean startDelivery(Delivery delivery) {
    return startDelivery(delivery, 0);
  }

  /**
   * Starts the workflow of a delivery whose first {@code attemptsMade} attempts were made before
   * (by its event's workflow): it begins with the wait before the next one. False when it was
   * already running or had run.
   */
  public boolean startDelivery(Delivery delivery, int attemptsMade) {
    WebhookDeliveryWorkflow workflow =
        client.newWorkflowStub(
            WebhookDeliveryWorkflow.class,
            options(delivery)
                // A finished delivery is not started again by publishing its event again.
                .setWorkflowIdReusePolicy(
                    WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_REJECT_DUPLICATE)
                .setWorkflowIdConflictPolicy(
                    WorkflowIdConflictPolicy.WORKFLOW_ID_CONFLICT_POLICY_USE_EXISTING)
                .build());
    try {
      DeliveryRequest request = request(delivery);
      WorkflowClient.start(
          workflow::deliver,
          attemptsMade == 0
              ? request
              : new DeliveryRequest(request.deliveryId(), request.retryDelays(), null, attemptsMade));
      return true;
    } catch (WorkflowExecutionAlreadyStarted e) {
      return false;
    }
  }

  /**
   * Tries the delivery again now. A waiting delivery skips the rest of its wait; a finished one
   * (FAILED, or DISABLED once its subscription is enabled again) starts a new run of its
   * workflow, with the whole attempt schedule ahead of it.
   */
  public void redeliver(Delivery delivery) {
    WorkflowStub stub =
        client.newUntypedWorkflowStub(
            WebhookDeliveryWorkflow.TYPE,
            options(delivery)
                .setWorkflowIdReusePolicy(
                    WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_ALLOW_DUPLICATE)
                .build());
    stub.signalWithStart(
        WebhookDeliveryWorkflow.REDELIVER_SIGNAL, new Object[0], new Object[] {request(delivery)});
  }

  /**
   * Ends the delivery CANCELLED (its subscription was deleted): a waiting one stops waiting.
   * False when its workflow is not running (never started, or ended).
   */
  public boolean cancel(String deliveryId) {
    return cancel(deliveryId, null);
  }

  /** As {@link #cancel(String)}, recording {@code reason} (an operator's words, never personal data). */
  public boolean cancel(String deliveryId, String reason) {
    try {
      client.newWorkflowStub(WebhookDeliveryWorkflow.class, WebhookDeliveryWorkflow.workflowId(deliveryId)).cancel(reason);
      return true;
    } catch (WorkflowNotFoundException e) {
      return false;
    }
  }

  /** The live state of the delivery's latest run, or empty when it never started. */
  public Optional<DeliveryStatus> status(String deliveryId) {
    try {
      return Optional.of(
          client
              .newWorkflowStub(
                  WebhookDeliveryWorkflow.class, WebhookDeliveryWorkflow.workflowId(deliveryId))
              .status());
    } catch (WorkflowNotFoundException e) {
      return Optional.empty();
    }
  }

  /**
   * Starts the workflow of a bulk action stored by {@code DeliveryBulkActionStore.create}
   * (redeliver the failed deliveries of a subscription, or cancel its waiting ones).
   */
  public void startBulkAction(String orgId, String actionId, String subscriptionId, String kind) {
    DeliveryBulkActionWorkflow workflow =
        client.newWorkflowStub(
            DeliveryBulkActionWorkflow.class,
            BusinessWorkflows.once(
                DeliveryBulkActionWorkflow.workflowId(actionId),
                DeliveryBulkActionWorkflow.TASK_QUEUE,
                kind + " on webhook subscription " + subscriptionId,
                orgId,
                subscriptionId));
    try {
      WorkflowClient.start(workflow::run, DeliveryBulkActionWorkflow.Input.start(actionId));
    } catch (WorkflowExecutionAlreadyStarted e) {
      // started before: nothing to do
    }
  }

  private static WorkflowOptions.Builder options(Delivery delivery) {
    return BusinessWorkflows.options(
        WebhookDeliveryWorkflow.workflowId(delivery.deliveryId()),
        WebhookDeliveryWorkflow.TASK_QUEUE,
        "Webhook delivery " + delivery.deliveryId() + " of event " + delivery.eventId(),
        delivery.orgId(),
        delivery.eventId());
  }
}
