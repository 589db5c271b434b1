package io.workerplatform.screening;

import io.temporal.activity.ActivityCancellationType;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.Workflow;
import io.workerplatform.common.InvalidInput;
import io.workerplatform.common.SteeredWork;
import io.workerplatform.screening.ProfileSearchActivities.BatchRequest;
import io.workerplatform.screening.ProfileSearchActivities.FinishRequest;
import io.workerplatform.screening.SearchInput.Carry;
import java.time.Duration;
import java.util.Optional;

public class ProfileSearchWorkflowImpl implements ProfileSearchWorkflow {

  /**
   * Transient failures (database, the provider's 5xx after the batch's own tries) retry without
   * end; invalid input and a refused key do not.
   */
  static final RetryOptions RETRY =
      RetryOptions.newBuilder()
          .setInitialInterval(Duration.ofSeconds(1))
          .setBackoffCoefficient(2)
          .setMaximumInterval(Duration.ofMinutes(1))
          .setDoNotRetry(InvalidInput.TYPE, ProfileSearchActivities.UNAUTHORIZED)
          .build();

  static final ActivityOptions STEP_OPTIONS =
      ActivityOptions.newBuilder().setStartToCloseTimeout(Duration.ofSeconds(30)).setRetryOptions(RETRY).build();

  /**
   * A batch heartbeats after every profile (and while it waits for the provider's rate): a dead
   * worker's batch is retried elsewhere within the heartbeat timeout, and a cancel reaches it
   * between two profiles.
   */
  static final ActivityOptions BATCH_OPTIONS =
      ActivityOptions.newBuilder()
          .setStartToCloseTimeout(Duration.ofMinutes(30))
          .setHeartbeatTimeout(Duration.ofSeconds(10))
          .setCancellationType(ActivityCancellationType.WAIT_CANCELLATION_COMPLETED)
          .setRetryOptions(RETRY)
          .build();

  private final ProfileSearchActivities steps = Workflow.newActivityStub(ProfileSearchActivities.class, STEP_OPTIONS);
  private final ProfileSearchActivities batches =
      Workflow.newActivityStub(ProfileSearchActivities.class, BATCH_OPTIONS);

  private String screeningId;
  private SearchPlan plan;
  private SearchCounters counters = SearchCounters.ZERO;
  private String status = RUNNING;
  /** A pause lets the batch in flight finish; a cancel stops it between two profiles. */
  private final SteeredWork steering = new SteeredWork(false);
  private int run = 1;

  @Override
  public SearchProgress run(SearchInput input) {
    screeningId = InvalidInput.requireText("screeningId", input == null ? null : input.screeningId());
    if (input.carry() == null) {
      plan = steps.prepare(screeningId);
    } else {
      Carry carry = input.carry();
      plan = carry.plan();
      counters = carry.counters();
      steering.restore(carry.paused());
      run = carry.run();
    }
    showProgress();
    String reason = null;
    while (steering.awaitGo()) {
      if (SteeredWork.historyIsLarge(plan.continueAsNewAfterEvents())) {
        Workflow.continueAsNew(new SearchInput(screeningId, new Carry(plan, counters, steering.isPaused(), run + 1)));
      }
      Optional<SearchCounters> screened;
      try {
        screened = steering.call(() -> batches.screenBatch(new BatchRequest(screeningId, plan.batchSize())));
      } catch (ActivityFailure failure) {
        if (failure.getCause() instanceof ApplicationFailure app
            && ProfileSearchActivities.UNAUTHORIZED.equals(app.getType())) {
          reason = app.getType();
          break;
        }
        throw failure;
      }
      if (screened.isEmpty()) {
        continue; // cancelled: the wait above ends the loop
      }
      if (screened.get().screened() == 0) {
        break;
      }
      counters = counters.plus(screened.get());
      showProgress();
    }
    String finalStatus = reason != null ? FAILED : steering.isCancelRequested() ? CANCELLED : COMPLETED;
    // The stored results are the truth: they also count what a cancelled batch screened.
    counters = steps.finish(new FinishRequest(screeningId, finalStatus, reason));
    status = finalStatus;
    showProgress();
    return progress();
  }

  private String displayStatus() {
    return steering.display(status, RUNNING);
  }

  private void showProgress() {
    Workflow.setCurrentDetails(String.format("%s: %d of %d screened (%d with hits, %d failed); run %d",
        displayStatus(), counters.screened(), plan.total(), counters.withHits(), counters.failed(), run));
  }

  @Override
  public void pause() {
    steering.pause();
    if (plan != null) {
      showProgress();
    }
  }

  @Override
  public void resume() {
    steering.resume();
    if (plan != null) {
      showProgress();
    }
  }

  @Override
  public void cancel() {
    steering.cancel();
  }

  @Override
  public SearchProgress progress() {
    return new SearchProgress(screeningId, displayStatus(), plan == null ? 0 : plan.total(),
        counters.screened(), counters.withHits(), counters.failed(), run);
  }
}
