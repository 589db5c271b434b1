package io.workerplatform.common;

/**
 * Publishes a domain event: stores it once under {@code eventId} and starts the webhook deliveries
 * it fans out to. Publishing the same event id again stores nothing new and starts only what a
 * failure left unstarted, so activities may call it on every retry.
 */
public interface DomainEvents {
  void publishEvent(String orgId, String eventId, String type, String dataJson);
}
