package io.workerplatform.bulksends;

import io.workerplatform.common.TaskQueues;
import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * Sends one template to every recipient of a bulk send: pages through the recipients by contact
 * id, keeps a bounded window of batch activities in flight, and continues as new before its
 * history grows large, carrying cursor and counters.
 */
@WorkflowInterface
public interface BulkSendWorkflow {
  String TASK_QUEUE = TaskQueues.BULK_SEND;

  /** Created with a {@code sendAt} in the future: waits for it. */
  String SCHEDULED = "SCHEDULED";
  String RUNNING = "RUNNING";
  String PAUSED = "PAUSED";
  String CANCELLING = "CANCELLING";
  String COMPLETED = "COMPLETED";
  String CANCELLED = "CANCELLED";

  static String workflowId(String bulkSendId) {
    return "bulk-send/" + bulkSendId;
  }

  @WorkflowMethod
  BulkSendProgress run(BulkSendInput input);

  /** Starts no new batch until {@link #resume()}; batches in flight finish their page. */
  @SignalMethod
  void pause();

  @SignalMethod
  void resume();

  /** Stops new sends, lets the sends in flight finish, and ends the bulk send {@code CANCELLED}. */
  @SignalMethod
  void cancel();

  @QueryMethod
  BulkSendProgress progress();
}
