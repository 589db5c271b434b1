package io.workerplatform.events;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * What {@link EventActivities#begin} found: {@code status} {@code SCHEDULED} (wait until {@code
 * processAt}), {@code WAITING} (an earlier event with the same ordering key, {@code waitingFor},
 * is not processed yet), {@code PROCESSING} (run {@code handlers} now), {@code CANCELLED} or
 * {@code PROCESSED} (nothing to do).
 */
public record EventPlan(String status, Instant processAt, String waitingFor, List<HandlerPlan> handlers) {
  public static final String WAITING = "WAITING";

  /** One handler to run and its own retry schedule. */
  public record HandlerPlan(
      String name, Duration timeout, Duration initialInterval, Duration maximumInterval, int maximumAttempts) {}
}
