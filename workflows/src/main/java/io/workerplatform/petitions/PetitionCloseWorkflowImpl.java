package io.workerplatform.petitions;

import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.workflow.Workflow;
import io.workerplatform.common.Failures;
import io.workerplatform.common.InvalidInput;
import java.time.Duration;
import java.time.Instant;

public class PetitionCloseWorkflowImpl implements PetitionCloseWorkflow {

  /** One short transaction and a publish; retried through a database outage. */
  static final ActivityOptions CLOSE =
      ActivityOptions.newBuilder()
          .setStartToCloseTimeout(Duration.ofSeconds(30))
          .setScheduleToCloseTimeout(Failures.OUTAGE_TOLERANCE)
          .setRetryOptions(
              RetryOptions.newBuilder()
                  .setInitialInterval(Duration.ofSeconds(1))
                  .setMaximumInterval(Failures.MAX_RETRY_INTERVAL)
                  .setDoNotRetry(InvalidInput.TYPE)
                  .build())
          .build();

  /**
   * A run continues as new past this many history events (a timer moved hundreds of times), far
   * below Temporal's limit of 51,200.
   */
  static final int CONTINUE_AS_NEW_AFTER_EVENTS = 500;

  /** Version 1: the stored time decides when signals disagree; continue-as-new after many moves. */
  static final String STORED_TIME_DECIDES = "stored-closing-time-decides";

  private final PetitionActivities activities = Workflow.newActivityStub(PetitionActivities.class, CLOSE);
  private PetitionCloseInput current;

  @Override
  public String run(PetitionCloseInput input) {
    InvalidInput.requireText("orgId", input == null ? null : input.orgId());
    String petitionId = InvalidInput.requireText("petitionId", input.petitionId());
    if (current == null) {
      current = input; // a reschedule signalled with the start is applied on top
    }
    boolean storedDecides = Workflow.getVersion(STORED_TIME_DECIDES, Workflow.DEFAULT_VERSION, 1) == 1;
    while (true) {
      PetitionCloseInput target = current;
      if (target.closesAt() == null) {
        // A cancel may be an old signal overtaken by a newer time: the stored time says.
        Instant stored = storedDecides ? activities.storedClosesAt(target) : null;
        if (stored == null) {
          Workflow.setCurrentDetails("Closing of " + petitionId + " cancelled");
          return CANCELLED;
        }
        applyStored(target, stored);
        continue;
      }
      Workflow.setCurrentDetails("Closes " + petitionId + " at " + target.closesAt());
      Duration wait = Duration.between(Instant.ofEpochMilli(Workflow.currentTimeMillis()), target.closesAt());
      boolean moved = !wait.isNegative() && !wait.isZero() && Workflow.await(wait, () -> current != target);
      if (!moved) {
        String outcome = activities.close(target);
        if (storedDecides && MOVED.equals(outcome)) {
          // This run's time was an old signal's: wait for the stored one instead of never closing.
          applyStored(target, activities.storedClosesAt(target));
          continue;
        }
        Workflow.setCurrentDetails(petitionId + ": " + outcome);
        return outcome;
      }
      if (storedDecides && Workflow.getInfo().getHistoryLength() > CONTINUE_AS_NEW_AFTER_EVENTS) {
        Workflow.continueAsNew(current);
      }
    }
  }

  /** Takes the stored time unless a signal came meanwhile (it is newer than what was read). */
  private void applyStored(PetitionCloseInput target, Instant stored) {
    if (current == target) {
      current = new PetitionCloseInput(target.orgId(), target.petitionId(), stored);
    }
  }

  @Override
  public void reschedule(PetitionCloseInput input) {
    current = input;
  }
}
