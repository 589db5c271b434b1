package io.workerplatform.webhooks;

import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import io.workerplatform.common.TaskQueues;

/**
 * One operator's action on many deliveries of one subscription: redeliver the {@code FAILED} ones
 * of a period (at a bounded rate), or cancel the {@code WAITING} ones. The action's row holds what
 * it applies to; the workflow pages through the matching deliveries by id, one activity per page,
 * and continues as new every {@value DeliveryBulkActionWorkflowImpl#PAGES_PER_RUN} pages.
 *
 * <p>Workflow id {@code webhook-bulk-action/<actionId>}, task queue {@value TaskQueues#WEBHOOKS}.
 * Input {@code {"actionId":"wba_..."}}; query {@code progress}.
 */
@WorkflowInterface
public interface DeliveryBulkActionWorkflow {
  String TASK_QUEUE = TaskQueues.WEBHOOKS;

  String REDELIVER_FAILED = "REDELIVER_FAILED";
  String CANCEL_WAITING = "CANCEL_WAITING";

  String RUNNING = "RUNNING";
  String COMPLETED = "COMPLETED";

  static String workflowId(String actionId) {
    return "webhook-bulk-action/" + actionId;
  }

  @WorkflowMethod
  Progress run(Input input);

  @QueryMethod
  Progress progress();

  /**
   * @param actionId the action's row
   * @param afterDeliveryId where the previous run stopped (null at the start)
   * @param applied deliveries redelivered or cancelled so far
   * @param skipped deliveries that had changed meanwhile (delivered, or no longer waiting)
   */
  record Input(String actionId, String afterDeliveryId, long applied, long skipped) {
    public static Input start(String actionId) {
      return new Input(actionId, null, 0, 0);
    }
  }

  record Progress(String actionId, String status, long total, long applied, long skipped) {}
}
