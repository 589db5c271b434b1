package io.workerplatform.petitions;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;
import io.workerplatform.common.TaskQueues;
import java.time.Instant;

@ActivityInterface
public interface PetitionActivities {
  String TASK_QUEUE = TaskQueues.PETITIONS;

  /**
   * Closes the petition if it is still open and still meant to close at {@code input.closesAt()},
   * and publishes {@code petition.closed} (event id {@code petition-closed-<id>}, so a retry
   * publishes nothing twice). Returns {@link PetitionCloseWorkflow#CLOSED}, {@link
   * PetitionCloseWorkflow#NOT_OPEN} (completed, closed or deleted meanwhile) or {@link
   * PetitionCloseWorkflow#MOVED} (its closing time changed meanwhile).
   */
  @ActivityMethod
  String close(PetitionCloseInput input);

  /**
   * The closing time stored for the petition now, or null when it has none or is not open: what
   * decides when signals disagree (two reschedules delivered in the other order).
   */
  @ActivityMethod
  Instant storedClosesAt(PetitionCloseInput input);
}
