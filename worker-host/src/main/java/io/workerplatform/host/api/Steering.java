package io.workerplatform.host.api;

import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowServiceException;
import io.workerplatform.common.ConflictException;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Signals that steer long work (pause, resume, cancel of a bulk send or a screening), answered the
 * same way for every kind: a workflow not running is a 409 naming {@code id}, Temporal out of reach
 * a 503 to try again.
 */
public final class Steering {
  private Steering() {}

  /** Sends {@code signal} to the workflow of {@code what} {@code id} ("bulk send", "screening"). */
  public static void steer(String what, String id, Consumer<String> signal) {
    try {
      signal.accept(id);
    } catch (WorkflowNotFoundException e) {
      throw new ConflictException("id", what + " " + id + " has not started or has ended");
    } catch (WorkflowServiceException e) {
      throw new TemporalUnavailableException("Temporal is unreachable; try again", Map.of("id", id));
    }
  }

  /**
   * Cancels the workflow of one just cancelled in its row before it started: a workflow started
   * since the row was read ends at once; none, or Temporal out of reach, changes nothing (the row
   * says CANCELLED: nothing will start it).
   */
  public static void cancelStartedSince(String id, Consumer<String> cancel) {
    try {
      cancel.accept(id);
    } catch (WorkflowNotFoundException | WorkflowServiceException notStarted) {
      // nothing to cancel
    }
  }
}
