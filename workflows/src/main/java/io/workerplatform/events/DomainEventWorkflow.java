package io.workerplatform.events;

import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import io.workerplatform.common.TaskQueues;

/**
 * Processes one stored domain event: waits for its time when it is delayed, for its turn when it
 * has an ordering key, then runs every handler that takes its type (webhooks, audit, ...), each
 * on its own retry schedule, and records the outcome per handler.
 *
 * <p>Workflow id {@code domain-event/<orgId>/<eventId>} (an event id is its organization's own),
 * task queue {@value TaskQueues#EVENTS}, or {@value TaskQueues#EVENTS_LOW_PRIORITY} for the types
 * configured as low priority. The input holds ids only; the event's data stays in PostgreSQL.
 */
@WorkflowInterface
public interface DomainEventWorkflow {
  String TASK_QUEUE = TaskQueues.EVENTS;
  String LOW_PRIORITY_TASK_QUEUE = TaskQueues.EVENTS_LOW_PRIORITY;
  /** The workflow type and signal names, for untyped stubs and the CLI. */
  String TYPE = "DomainEventWorkflow";
  String CANCEL_SIGNAL = "cancel";
  String PROCEED_SIGNAL = "proceed";

  // The event's statuses (rows, API and query alike).
  String SCHEDULED = "SCHEDULED";
  String PROCESSING = "PROCESSING";
  String PROCESSED = "PROCESSED";
  String CANCELLED = "CANCELLED";

  // A handler's statuses on one event.
  String PENDING = "PENDING";
  String DONE = "DONE";
  String RETRYING = "RETRYING";
  String FAILED = "FAILED";

  static String workflowId(String orgId, String eventId) {
    return "domain-event/" + orgId + "/" + eventId;
  }

  @WorkflowMethod
  EventStatus process(EventRequest request);

  /**
   * The event was cancelled (its row says so already): a scheduled event stops waiting and ends
   * CANCELLED. Sent by the API after it marked the row; the row decides, so a lost signal only
   * delays the end until the event's time.
   */
  @SignalMethod(name = CANCEL_SIGNAL)
  void cancel();

  /** The event before this one with the same ordering key has been processed: look again. */
  @SignalMethod(name = PROCEED_SIGNAL)
  void proceed();

  @QueryMethod
  EventStatus status();
}
