package io.workerplatform.events;

import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import io.workerplatform.common.TaskQueues;
import io.workerplatform.events.EventActivities.RetryRequest;
import java.util.List;

/**
 * Runs an event's failed handlers again (a dead letter acted on: {@code POST
 * .../events/{id}/retry}), each on a bounded retry schedule, and records how each ended. It takes
 * neither the event's ordering key nor its status: the events after it with the same key went on
 * when it ended, and a retry is a repair, not a second processing. One at a time per event:
 * {@link #workflowId}.
 */
@WorkflowInterface
public interface EventRetryWorkflow {
  String TASK_QUEUE = TaskQueues.EVENTS;

  static String workflowId(String orgId, String eventId) {
    return "event-retry/" + orgId + "/" + eventId;
  }

  /** The handlers retried, and which of them failed again. */
  record RetryOutcome(List<String> retried, List<String> failed) {}

  @WorkflowMethod
  RetryOutcome retry(RetryRequest request);
}
