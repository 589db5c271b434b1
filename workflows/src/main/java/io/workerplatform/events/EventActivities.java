package io.workerplatform.events;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;
import java.util.List;

@ActivityInterface
public interface EventActivities {

  /**
   * Processes the stored event if it is due and its turn has come: runs every handler that takes
   * its type once (one after the other) and, when all of them succeed, records it {@code PROCESSED}. A
   * handler that fails is recorded {@code RETRYING} and returned for retries, the others {@code
   * DONE}. Idempotent: each handler's work happens once in effect. Fails non-retryably when the
   * event does not exist.
   */
  @ActivityMethod
  EventOutcome process(EventRequest request);

  /**
   * Tries one handler again and returns the try that succeeded ({@code triesBefore} plus this
   * activity's attempt). A failing try is recorded on the event (attempts, last error) before it
   * fails.
   */
  @ActivityMethod
  int handle(HandlerRun run);

  /**
   * Records the retried handlers' outcomes and the event {@code PROCESSED}; returns the id of the
   * next event with the same ordering key that waits for this one, or null. Idempotent.
   */
  @ActivityMethod
  String finish(HandlerResults results);

  /**
   * The event's processing ended without running it through (its processing step gave up, or its
   * workflow was cancelled): records {@code status} ({@code FAILED} or {@code CANCELLED}) unless it
   * was processed, so that its ordering key is released; returns the id of the next event with its
   * ordering key that waits, or null. Idempotent.
   */
  @ActivityMethod
  String release(EventRequest request, String status);

  /**
   * A retry of an event's failed handlers (all, or the one named): marks them {@code RETRYING} and
   * returns them with the tries they had, to run again with {@link #handle}. None failed (any
   * more): empty. The event's status and its ordering key are left as they are.
   */
  @ActivityMethod
  List<HandlerRun> beginRetry(RetryRequest request);

  /** Records a retry's outcomes per handler ({@code DONE}, or {@code FAILED} again); nothing else. */
  @ActivityMethod
  void endRetry(HandlerResults results);

  /** {@code handler}: the one to retry, or null for every failed one. */
  record RetryRequest(String orgId, String eventId, String handler) {}

  record HandlerRun(String orgId, String eventId, String handler, int triesBefore) {}

  /** @param done handler name and the try that succeeded */
  record HandlerResults(String orgId, String eventId, List<Done> done, List<String> failed) {
    public record Done(String handler, int attempts) {}
  }
}
