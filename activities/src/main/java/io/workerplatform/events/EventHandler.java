package io.workerplatform.events;

import java.util.Set;

/**
 * Does one thing with each domain event of the types it takes: deliver webhooks, write the audit
 * log, notify members. A handler is one Spring bean implementing this; the events capability finds
 * every such bean, so adding one touches no other class.
 *
 * <p>{@link #handle} runs once per event in effect: it may be called again for the same event (a
 * retry after a failure, a crash after the work), and must then find its earlier work done
 * (a unique key per event, an existence check) instead of repeating it. It runs inside the
 * event's workflow task, so it should be quick (a few statements or one bounded call); work that
 * takes long or must outlive retries belongs in a workflow of its own that the handler starts.
 */
public interface EventHandler {

  /** Its name on every event's page and in metrics: lower case, unique. */
  String name();

  /** The event types it takes; empty: every type. */
  default Set<String> eventTypes() {
    return Set.of();
  }

  /** Its own retry schedule: a failing handler retries on it without holding back the others. */
  default HandlerRetry retry() {
    return HandlerRetry.DEFAULT;
  }

  /**
   * Handles one event. Throwing retries it on {@link #retry()}; an {@link EventHandlerException}'s
   * message is shown as the handler's last error (any other exception shows its class only, so
   * that no internal detail or personal data reaches the API).
   */
  void handle(HandledEvent event) throws Exception;
}
