package io.workerplatform.imports;

import io.temporal.activity.ActivityCancellationType;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.Workflow;
import io.workerplatform.common.InvalidInput;
import io.workerplatform.common.SteeredWork;
import io.workerplatform.imports.ImportActivities.FinishRequest;
import io.workerplatform.imports.ImportActivities.Plan;
import io.workerplatform.imports.ImportActivities.Slice;
import io.workerplatform.imports.ImportInput.Carry;
import java.time.Duration;
import java.util.Optional;

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
  /** A pause or a cancel stops the slice in flight after the batch it commits. */
  private final SteeredWork steering = new SteeredWork(true);
  private int run = 1;

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
      steering.restore(carry.paused());
      run = carry.run();
    }
    showProgress();
    String reason = null;
    while (steering.awaitGo()) {
      if (SteeredWork.historyIsLarge(continueAsNewAfterEvents)) {
        Workflow.continueAsNew(
            new ImportInput(importId, new Carry(counters, continueAsNewAfterEvents, steering.isPaused(), run + 1)));
      }
      Optional<Slice> slice;
      try {
        slice = steering.call(() -> slices.importSlice(importId));
      } catch (ActivityFailure failure) {
        if (failure.getCause() instanceof ApplicationFailure app
            && ImportActivities.FILE_UNREADABLE.equals(app.getType())) {
          reason = app.getType();
          break;
        }
        throw failure;
      }
      if (slice.isEmpty()) {
        continue; // paused or cancelled: the wait above decides
      }
      counters = slice.get().counters();
      showProgress();
      if (slice.get().done()) {
        break;
      }
    }
    String finalStatus = reason != null ? FAILED : steering.isCancelRequested() ? CANCELLED : COMPLETED;
    counters = steps.finish(new FinishRequest(importId, finalStatus, reason));
    status = finalStatus;
    showProgress();
    return progress();
  }

  private String displayStatus() {
    return steering.display(status, RUNNING);
  }

  private void showProgress() {
    Workflow.setCurrentDetails(String.format("%s: %d rows (%d imported, %d updated, %d failed); run %d",
        displayStatus(), counters.rows(), counters.imported(), counters.updated(), counters.failed(), run));
  }

  @Override
  public void pause() {
    steering.pause();
    showProgress();
  }

  @Override
  public void resume() {
    steering.resume();
    showProgress();
  }

  @Override
  public void cancel() {
    steering.cancel();
  }

  @Override
  public ImportProgress progress() {
    return new ImportProgress(importId, displayStatus(), counters.rows(), counters.imported(), counters.updated(),
        counters.failed(), run);
  }
}
