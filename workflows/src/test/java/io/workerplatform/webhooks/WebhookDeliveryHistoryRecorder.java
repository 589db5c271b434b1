package io.workerplatform.webhooks;

import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.worker.Worker;
import io.workerplatform.common.RecordedHistories;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Records the histories the replay test replays. Run it when a new recorded history is wanted,
 * never to overwrite the old ones after changing workflow code (they are the compatibility check):
 * {@code ./mvnw -pl workflows test -Dtest=WebhookDeliveryHistoryRecorder -Drecord.histories=true}.
 */
@EnabledIfSystemProperty(named = "record.histories", matches = "true")
class WebhookDeliveryHistoryRecorder {
  @Test
  void record() {
    // Attempts as local activities (version 1 of attempts-as-local-activities). The histories
    // without the suffix were recorded with regular activities; they are never recorded again.
    record("webhook-delivery-failed-local", new ScriptedWebhookActivities(500, 500, 503, 500, 500), false);
    record("webhook-delivery-gone-local", new ScriptedWebhookActivities(410), false);
    record("webhook-delivery-redelivered-local", new ScriptedWebhookActivities(500, 200), true);
    // Version 1 of cancel-on-subscription-deleted: a waiting delivery cancelled.
    record("webhook-delivery-cancelled-local", new ScriptedWebhookActivities(500, 200), false, true);
    // Version 1 of outage-is-not-an-attempt: an attempt that could not run, run again; a cancel
    // whose final write waited for the database.
    record("webhook-delivery-outage", new ScriptedWebhookActivities(200).attemptsUnavailable(9), false);
    record(
        "webhook-delivery-cancelled-recorded",
        new ScriptedWebhookActivities(500, 200).finalWritesUnavailable(2),
        false,
        true);
    // Started by an event's workflow after the first attempt failed: waits, then attempt 2.
    record("webhook-delivery-after-first-attempt", new ScriptedWebhookActivities(200), false, false, 1);
  }

  private static void record(String name, WebhookActivities activities, boolean redeliver) {
    record(name, activities, redeliver, false);
  }

  private static void record(String name, WebhookActivities activities, boolean redeliver, boolean cancel) {
    record(name, activities, redeliver, cancel, null);
  }

  private static void record(
      String name, WebhookActivities activities, boolean redeliver, boolean cancel, Integer attemptsMade) {
    String workflowId = WebhookDeliveryWorkflow.workflowId("dlv_" + name);
    RecordedHistories.record(name, workflowId, env -> {
      Worker worker = env.newWorker(WebhookDeliveryWorkflow.TASK_QUEUE);
      worker.registerWorkflowImplementationTypes(WebhookDeliveryWorkflowImpl.class);
      worker.registerActivitiesImplementations(activities);
      env.start();
      WebhookDeliveryWorkflow workflow =
          env.getWorkflowClient()
              .newWorkflowStub(
                  WebhookDeliveryWorkflow.class,
                  WorkflowOptions.newBuilder()
                      .setWorkflowId(workflowId)
                      .setTaskQueue(WebhookDeliveryWorkflow.TASK_QUEUE)
                      .build());
      WorkflowClient.start(workflow::deliver, new DeliveryRequest("dlv_" + name, null, null, attemptsMade));
      try {
        if (redeliver) {
          WebhookDeliveryWorkflowTest.awaitStatus(workflow, WebhookDeliveryWorkflow.WAITING);
          workflow.redeliver();
        }
        if (cancel) {
          WebhookDeliveryWorkflowTest.awaitStatus(workflow, WebhookDeliveryWorkflow.WAITING);
          workflow.cancel(null);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
      env.getWorkflowClient().newUntypedWorkflowStub(workflowId).getResult(DeliveryStatus.class);
    });
  }
}
