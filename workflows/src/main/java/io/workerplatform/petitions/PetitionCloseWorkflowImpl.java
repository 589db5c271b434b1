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

  private final PetitionActivities activities = Workflow.newActivityStub(PetitionActivities.class, CLOSE);
  private PetitionCloseInput current;

  @Override
  public String run(PetitionCloseInput input) {
    InvalidInput.requireText("orgId", input == null ? null : input.orgId());
    String petitionId = InvalidInput.requireText("petitionId", input.petitionId());
    if (current == null) {
      current = input; // a reschedule signalled with the start is applied on top
    }
    while (true) {
      PetitionCloseInput target = current;
      if (target.closesAt() == null) {
        Workflow.setCurrentDetails("Closing of " + petitionId + " cancelled");
        return CANCELLED;
      }
      Workflow.setCurrentDetails("Closes " + petitionId + " at " + target.closesAt());
      Duration wait = Duration.between(Instant.ofEpochMilli(Workflow.currentTimeMillis()), target.closesAt());
      boolean moved = !wait.isNegative() && !wait.isZero() && Workflow.await(wait, () -> current != target);
      if (!moved) {
        String outcome = activities.close(target);
        Workflow.setCurrentDetails(petitionId + ": " + outcome);
        return outcome;
      }
    }
  }

  @Override
  public void reschedule(PetitionCloseInput input) {
    current = input;
  }
}
