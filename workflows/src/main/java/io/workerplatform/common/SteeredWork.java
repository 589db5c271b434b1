package io.workerplatform.common;

import io.temporal.failure.ActivityFailure;
import io.temporal.failure.CanceledFailure;
import io.temporal.workflow.CancellationScope;
import io.temporal.workflow.Workflow;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The steering of long work that a workflow does one activity call at a time (a screening's
 * batches, an import's slices): pause, resume and cancel as signals set them, the call in flight
 * cancelled by a cancel (and, if asked, by a pause), and the history bound after which the
 * workflow continues as new. Workflow code: it only waits and cancels scopes, so it adds no
 * command of its own and the workflows using it replay their recorded histories.
 */
public final class SteeredWork {
  private final boolean pauseStopsCallInFlight;
  private boolean paused;
  private boolean cancelRequested;
  private CancellationScope inFlight;

  /**
   * @param pauseStopsCallInFlight whether a pause also cancels the call in flight (which then
   *     stops at its next heartbeat, keeping what it committed), rather than letting it finish
   */
  public SteeredWork(boolean pauseStopsCallInFlight) {
    this.pauseStopsCallInFlight = pauseStopsCallInFlight;
  }

  /** As a continued run carries it. */
  public void restore(boolean paused) {
    this.paused = paused;
  }

  public void pause() {
    paused = true;
    if (pauseStopsCallInFlight && inFlight != null) {
      inFlight.cancel();
    }
  }

  public void resume() {
    paused = false;
  }

  public void cancel() {
    cancelRequested = true;
    if (inFlight != null) {
      inFlight.cancel();
    }
  }

  public boolean isPaused() {
    return paused;
  }

  public boolean isCancelRequested() {
    return cancelRequested;
  }

  /** Waits while paused; false once a cancel came, true to go on. */
  public boolean awaitGo() {
    Workflow.await(() -> cancelRequested || !paused);
    return !cancelRequested;
  }

  /** Runs the call in a scope a signal can cancel; empty when a signal cancelled it. */
  public <T> Optional<T> call(Supplier<T> call) {
    Object[] result = new Object[1];
    inFlight = Workflow.newCancellationScope(() -> result[0] = call.get());
    try {
      inFlight.run();
    } catch (RuntimeException failure) {
      if (isCancellation(failure)) {
        return Optional.empty();
      }
      throw failure;
    } finally {
      inFlight = null;
    }
    @SuppressWarnings("unchecked")
    T value = (T) result[0];
    return Optional.of(value);
  }

  /** {@code running} reads as CANCELLING or PAUSED when steered so; another status stands. */
  public String display(String status, String running) {
    if (running.equals(status)) {
      return cancelRequested ? "CANCELLING" : paused ? "PAUSED" : running;
    }
    return status;
  }

  /** A failure that is an activity's cancellation, not its error. */
  public static boolean isCancellation(RuntimeException failure) {
    return failure instanceof CanceledFailure
        || (failure instanceof ActivityFailure a && a.getCause() instanceof CanceledFailure);
  }

  /** Whether the run's history passed {@code events} (or the server suggests continuing as new). */
  public static boolean historyIsLarge(int events) {
    return Workflow.getInfo().getHistoryLength() > events || Workflow.getInfo().isContinueAsNewSuggested();
  }
}
