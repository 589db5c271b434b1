package io.workerplatform.petitions;

import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.WorkflowInterface;
import io.workerplatform.common.TaskQueues;
import io.temporal.workflow.WorkflowMethod;

/**
 * A petition's {@code closesAt} as a durable timer: waits until then and closes the petition.
 * {@link #reschedule} moves the time (or cancels with a null time) while it waits. One per
 * petition: {@link #workflowId}.
 */
@WorkflowInterface
public interface PetitionCloseWorkflow {
  String TASK_QUEUE = TaskQueues.PETITIONS;
  String CLOSED = "CLOSED";
  String NOT_OPEN = "NOT_OPEN";
  String MOVED = "MOVED";
  String CANCELLED = "CANCELLED";

  static String workflowId(String orgId, String petitionId) {
    return "petition-close/" + orgId + "/" + petitionId;
  }

  /** Returns how it ended: {@link #CLOSED}, {@link #NOT_OPEN}, {@link #MOVED} or {@link #CANCELLED}. */
  @WorkflowMethod
  String run(PetitionCloseInput input);

  /** A new closing time for the same petition; a null {@code closesAt} cancels. */
  @SignalMethod
  void reschedule(PetitionCloseInput input);
}
