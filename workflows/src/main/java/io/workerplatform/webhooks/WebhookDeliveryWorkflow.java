package io.workerplatform.webhooks;

import io.workerplatform.common.TaskQueues;
import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.time.Duration;
import java.util.List;

/**
 * Delivers one domain event to one webhook subscription: attempts immediately, then 1 min, 5 min,
 * 30 min and 6 h after each failure; after the fifth failed attempt the delivery is FAILED (a
 * dead letter that {@code redeliver} can revive).
 *
 * <p>Workflow id {@code webhook-delivery/<deliveryId>}, task queue {@value TaskQueues#WEBHOOKS}.
 */
@WorkflowInterface
public interface WebhookDeliveryWorkflow {
  String TASK_QUEUE = TaskQueues.WEBHOOKS;
  /** The workflow type and the redeliver signal's name, for untyped stubs (signal-with-start). */
  String TYPE = "WebhookDeliveryWorkflow";
  String REDELIVER_SIGNAL = "redeliver";

  String PENDING = "PENDING";
  String SENDING = "SENDING";
  String WAITING = "WAITING";
  String DELIVERED = "DELIVERED";
  String FAILED = "FAILED";
  String DISABLED = "DISABLED";
  /** Its subscription was deleted before it was delivered. */
  String CANCELLED = "CANCELLED";

  /** The waits before attempts 2 to 5, each counted from the previous failure. */
  List<Duration> RETRY_DELAYS =
      List.of(Duration.ofMinutes(1), Duration.ofMinutes(5), Duration.ofMinutes(30), Duration.ofHours(6));

  static String workflowId(String deliveryId) {
    return "webhook-delivery/" + deliveryId;
  }

  @WorkflowMethod
  DeliveryStatus deliver(DeliveryRequest request);

  /** Try again now: a waiting delivery skips the rest of its wait. */
  @SignalMethod(name = REDELIVER_SIGNAL)
  void redeliver();

  /**
   * Ends the delivery {@code CANCELLED}: a waiting delivery stops waiting; one whose attempt is
   * under way ends after it. {@code reason} is recorded (null, as sent when its subscription was
   * deleted: "subscription deleted").
   */
  @SignalMethod
  void cancel(String reason);

  @QueryMethod
  DeliveryStatus status();
}
