package io.workerplatform.events;

/** A handler's failure whose message is safe to show on the event's page (ids and categories only). */
public class EventHandlerException extends RuntimeException {
  public EventHandlerException(String message) {
    super(message);
  }

  public EventHandlerException(String message, Throwable cause) {
    super(message, cause);
  }
}
