package io.workerplatform.imports;

import io.temporal.activity.ActivityCancellationType;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.CanceledFailure;
import io.temporal.workflow.CancellationScope;
import io.temporal.workflow.Workflow;
import io.workerplatform.common.InvalidInput;
import io.workerplatform.imports.ImportActivities.FinishRequest;
import io.workerplatform.imports.ImportActivities.Plan;
import io.workerplatform.imports.ImportActivities.Slice;
import io.workerplatform.imports.ImportInput.Carry;
import java.time.Duration;

public class ImportWorkflowImpl implements ImportWorkflow {

  /** Transient failures (the database, the storage) retry without end; an unreadable file does not. */
  static final RetryOptions RETRY =
      RetryOptions.newBuilder()
          .setInitialInterval(Duration.ofSeconds(1))
          .setBackoffCoefficient(2)
          .setMaximumInterval(Duration.ofMinutes(1))
          .setDoNotRetry(InvalidInput.TYPE, ImportActivities.FILE_UNREADABLE)
          .build();

  static final ActivityOptions STEP_OPTIONS =
      ActivityOptions.newBuilder().setStartToCloseTimeout(Duration.ofSeconds(30)).setRetryOptions(RETRY).build();

  /**
   * A slice heartbeats after each committed batch: a dead worker's slice is retried elsewhere
   * within the heartbeat timeout (from the last committed offset), and a pause or a cancel reaches
   * it between two batches.
   */
  static final ActivityOptions SLICE_OPTIONS =
      ActivityOptions.newBuilder()
          .setStartToCloseTimeout(Duration.ofMinutes(10))
          .setHeartbeatTimeout(Duration.ofSeconds(10))
          .setCancellationType(ActivityCancellationType.WAIT_CANCELLATION_COMPLETED)
          .setRetryOptions(RETRY)
          .build();

  private final ImportActivities steps = Workflow.newActivityStub(ImportActivities.class, STEP_OPTIONS);
  private final ImportActivities slices = Workflow.newActivityStub(ImportActivities.class, SLICE_OPTIONS);

  private String importId;
  private int continueAsNewAfterEvents;
  private ImportCounters counters = ImportCounters.ZERO;
  private String status = RUNNING;
  private boolean paused;
  private boolean cancelRequested;
  private int run = 1;
  private CancellationScope sliceInFlight;

  @Override
  public ImportProgress run(ImportInput input) {
    importId = InvalidInput.requireText("importId", input == null ? null : input.importId());
    if (input.carry() == null) {
      Plan plan = steps.prepare(importId);
      continueAsNewAfterEvents = plan.continueAsNewAfterEvents();
      counters = plan.counters();
    } else {
      Carry carry = input.carry();
      continueAsNewAfterEvents = carry.continueAsNewAfterEvents();
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
        Workflow.continueAsNew(
            new ImportInput(importId, new Carry(counters, continueAsNewAfterEvents, paused, run + 1)));
      }
      Slice slice;
      try {
        slice = nextSlice();
      } catch (ActivityFailure failure) {
        if (isCancellation(failure)) {
          continue; // paused or cancelled: the loop's wait decides
        }
        if (failure.getCause() instanceof ApplicationFailure app
            && ImportActivities.FILE_UNREADABLE.equals(app.getType())) {
          reason = app.getType();
          break;
        }
        throw failure;
      }
      counters = slice.counters();
      showProgress();
      if (slice.done()) {
        break;
      }
    }
    String finalStatus = reason != null ? FAILED : cancelRequested ? CANCELLED : COMPLETED;
    counters = steps.finish(new FinishRequest(importId, finalStatus, reason));
    status = finalStatus;
    showProgress();
    return progress();
  }

  private Slice nextSlice() {
    Slice[] result = new Slice[1];
    sliceInFlight = Workflow.newCancellationScope(() -> result[0] = slices.importSlice(importId));
    try {
      sliceInFlight.run();
    } finally {
      sliceInFlight = null;
    }
    return result[0];
  }

  private static boolean isCancellation(RuntimeException failure) {
    return failure instanceof CanceledFailure
        || (failure instanceof ActivityFailure a && a.getCause() instanceof CanceledFailure);
  }

  private boolean historyIsLarge() {
    return Workflow.getInfo().getHistoryLength() > continueAsNewAfterEvents
        || Workflow.getInfo().isContinueAsNewSuggested();
  }

  private String displayStatus() {
    if (RUNNING.equals(status)) {
      return cancelRequested ? CANCELLING : paused ? PAUSED : RUNNING;
    }
    return status;
  }

  private void showProgress() {
    Workflow.setCurrentDetails(String.format("%s: %d rows (%d imported, %d updated, %d failed); run %d",
        displayStatus(), counters.rows(), counters.imported(), counters.updated(), counters.failed(), run));
  }

  @Override
  public void pause() {
    paused = true;
    if (sliceInFlight != null) {
      sliceInFlight.cancel();
    }
    showProgress();
  }

  @Override
  public void resume() {
    paused = false;
    showProgress();
  }

  @Override
  public void cancel() {
    cancelRequested = true;
    if (sliceInFlight != null) {
      sliceInFlight.cancel();
    }
  }

  @Override
  public ImportProgress progress() {
    return new ImportProgress(importId, displayStatus(), counters.rows(), counters.imported(), counters.updated(),
        counters.failed(), run);
  }
}
