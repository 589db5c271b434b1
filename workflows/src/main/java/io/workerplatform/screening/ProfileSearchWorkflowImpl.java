package io.workerplatform.screening;

import io.temporal.activity.ActivityCancellationType;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.CanceledFailure;
import io.temporal.workflow.CancellationScope;
import io.temporal.workflow.Workflow;
import io.workerplatform.common.InvalidInput;
import io.workerplatform.screening.ProfileSearchActivities.BatchRequest;
import io.workerplatform.screening.ProfileSearchActivities.FinishRequest;
import io.workerplatform.screening.SearchInput.Carry;
import java.time.Duration;

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
  private boolean paused;
  private boolean cancelRequested;
  private int run = 1;
  private CancellationScope batchInFlight;

  @Override
  public SearchProgress run(SearchInput input) {
    screeningId = InvalidInput.requireText("screeningId", input == null ? null : input.screeningId());
    if (input.carry() == null) {
      plan = steps.prepare(screeningId);
    } else {
      Carry carry = input.carry();
      plan = carry.plan();
      counters = carry.counters();
      paused = carry.paused();
      run = carry.run();
    }
    showProgress();
    String reason = null;
    while (true) {
      Workflow.await(() -> cancelRequested || !paused);
      if (cancelRequested) {
        break;
      }
      if (historyIsLarge()) {
        Workflow.continueAsNew(new SearchInput(screeningId, new Carry(plan, counters, paused, run + 1)));
      }
      SearchCounters screened;
      try {
        screened = nextBatch();
      } catch (ActivityFailure failure) {
        if (isCancellation(failure)) {
          break;
        }
        if (failure.getCause() instanceof ApplicationFailure app
            && ProfileSearchActivities.UNAUTHORIZED.equals(app.getType())) {
          reason = app.getType();
          break;
        }
        throw failure;
      }
      if (screened.screened() == 0) {
        break;
      }
      counters = counters.plus(screened);
      showProgress();
    }
    String finalStatus = reason != null ? FAILED : cancelRequested ? CANCELLED : COMPLETED;
    // The stored results are the truth: they also count what a cancelled batch screened.
    counters = steps.finish(new FinishRequest(screeningId, finalStatus, reason));
    status = finalStatus;
    showProgress();
    return progress();
  }

  private SearchCounters nextBatch() {
    SearchCounters[] result = new SearchCounters[1];
    batchInFlight = Workflow.newCancellationScope(
        () -> result[0] = batches.screenBatch(new BatchRequest(screeningId, plan.batchSize())));
    try {
      batchInFlight.run();
    } finally {
      batchInFlight = null;
    }
    return result[0];
  }

  private static boolean isCancellation(RuntimeException failure) {
    return failure instanceof CanceledFailure
        || (failure instanceof ActivityFailure a && a.getCause() instanceof CanceledFailure);
  }

  private boolean historyIsLarge() {
    return Workflow.getInfo().getHistoryLength() > plan.continueAsNewAfterEvents()
        || Workflow.getInfo().isContinueAsNewSuggested();
  }

  private String displayStatus() {
    if (RUNNING.equals(status)) {
      return cancelRequested ? CANCELLING : paused ? PAUSED : RUNNING;
    }
    return status;
  }

  private void showProgress() {
    Workflow.setCurrentDetails(String.format("%s: %d of %d screened (%d with hits, %d failed); run %d",
        displayStatus(), counters.screened(), plan.total(), counters.withHits(), counters.failed(), run));
  }

  @Override
  public void pause() {
    paused = true;
    if (plan != null) {
      showProgress();
    }
  }

  @Override
  public void resume() {
    paused = false;
    if (plan != null) {
      showProgress();
    }
  }

  @Override
  public void cancel() {
    cancelRequested = true;
    if (batchInFlight != null) {
      batchInFlight.cancel();
    }
  }

  @Override
  public SearchProgress progress() {
    return new SearchProgress(screeningId, displayStatus(), plan == null ? 0 : plan.total(),
        counters.screened(), counters.withHits(), counters.failed(), run);
  }
}
