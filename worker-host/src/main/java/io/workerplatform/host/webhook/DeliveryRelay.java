package io.workerplatform.host.webhook;

import io.temporal.client.WorkflowServiceException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Periodically starts the deliveries that were stored while Temporal was unreachable. An outbox
 * relay between PostgreSQL and Temporal, so it cannot itself be a Temporal workflow.
 */
@Component
class DeliveryRelay {
  private static final Logger log = LoggerFactory.getLogger(DeliveryRelay.class);
  private static final int BATCH = 500;

  private final EventPublisher publisher;
  private final WebhookProperties properties;

  DeliveryRelay(EventPublisher publisher, WebhookProperties properties) {
    this.publisher = publisher;
    this.properties = properties;
  }

  @Scheduled(
      fixedDelayString = "${platform.webhooks.relay-interval:30s}",
      initialDelayString = "${platform.webhooks.relay-interval:30s}")
  void relay() {
    try {
      while (publisher.startForgotten(properties.relayGrace(), BATCH) == BATCH) {
        // a full batch: there may be more
      }
    } catch (WorkflowServiceException e) {
      log.warn("Relay: Temporal still unreachable, will retry: {}", e.getMessage());
    }
  }
}
