package io.workerplatform.events;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;
import java.util.List;

@ActivityInterface
public interface EventActivities {

  /**
   * Looks at the stored event and says what to do now; moves a scheduled event that is due to
   * {@code PROCESSING}. Fails non-retryably when the event does not exist.
   */
  @ActivityMethod
  EventPlan begin(EventRequest request);

  /**
   * Runs one handler on the event and returns the attempt that succeeded. A failing attempt is
   * recorded on the event ({@code RETRYING}, attempts, last error) before it fails.
   */
  @ActivityMethod
  int handle(HandlerRun run);

  /** Records the handlers that have ended so far while others still run; idempotent. */
  @ActivityMethod
  void recordHandlers(HandlerResults results);

  /**
   * Records the handlers' outcomes and the event {@code PROCESSED}; returns the id of the next
   * event with the same ordering key that waits for this one, or null. Idempotent.
   */
  @ActivityMethod
  String finish(HandlerResults results);

  record HandlerRun(String orgId, String eventId, String handler) {}

  /** @param done handler name and the attempt that succeeded */
  record HandlerResults(String orgId, String eventId, List<Done> done, List<String> failed) {
    public record Done(String handler, int attempts) {}
  }
}
