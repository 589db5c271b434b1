package io.workerplatform.events;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * What {@link EventActivities#process} did: {@code status} {@code SCHEDULED} (nothing yet: wait
 * until {@code processAt}), {@code WAITING} (an earlier event with the same ordering key, {@code
 * waitingFor}, is not processed yet), {@code PROCESSED} (every handler done and the event recorded
 * processed; {@code next} is the event of the same ordering key that waits for it, or null),
 * {@code PROCESSING} (the handlers in {@code done} succeeded, those in {@code retry} failed their
 * first try and retry on their own schedules), or {@code CANCELLED}. {@code failed}: handlers that
 * failed with no try left (a schedule of one try, or a non-retryable failure).
 */
public record EventOutcome(
    String status, Instant processAt, String waitingFor, String next, List<String> done, List<String> failed,
    List<HandlerPlan> retry) {
  public static final String WAITING = "WAITING";

  /** A handler to try again and its own retry schedule, counting the tries made so far. */
  public record HandlerPlan(
      String name, Duration timeout, Duration initialInterval, Duration maximumInterval, int maximumAttempts) {}
}
