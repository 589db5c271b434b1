package io.workerplatform.events;

/**
 * Publishes a domain event from inside the platform (a signature's outcome): stores it once under
 * its organization's event id and starts its processing. Publishing the same id again stores
 * nothing new and starts only what a failure left unstarted, so activities may call it on every
 * retry.
 */
public interface PlatformEvents {
  void publish(EventStore.NewEvent event);
}
