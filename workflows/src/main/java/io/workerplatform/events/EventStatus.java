package io.workerplatform.events;

import java.time.Instant;
import java.util.List;

/**
 * What {@link DomainEventWorkflow#status()} answers and the workflow returns: the event's status,
 * when it is due (scheduled ones), the event it waits for (ordered ones), and its handlers.
 */
public record EventStatus(
    String eventId, String status, Instant processAt, String waitingFor, List<HandlerState> handlers) {

  /** One handler on this event: {@code PENDING}, {@code DONE}, {@code RETRYING} or {@code FAILED}. */
  public record HandlerState(String name, String status) {}
}
