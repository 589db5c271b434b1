package io.workerplatform.host.bulksend;

import io.temporal.client.WorkflowServiceException;
import io.workerplatform.bulksend.BulkSendStore;
import io.workerplatform.starters.BulkSends;
import io.workerplatform.host.webhook.WebhookProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Starts the bulk sends that were stored while Temporal was unreachable (as the webhook relay). */
@Component
class BulkSendRelay {
  private static final Logger log = LoggerFactory.getLogger(BulkSendRelay.class);

  private final BulkSendStore store;
  private final BulkSends bulkSends;
  private final WebhookProperties relay;

  BulkSendRelay(BulkSendStore store, BulkSends bulkSends, WebhookProperties relay) {
    this.store = store;
    this.bulkSends = bulkSends;
    this.relay = relay;
  }

  @Scheduled(
      fixedDelayString = "${platform.webhooks.relay-interval:30s}",
      initialDelayString = "${platform.webhooks.relay-interval:30s}")
  void relay() {
    try {
      for (String id : store.unstarted(relay.relayGrace(), 100)) {
        store.find(id).ifPresent(b -> bulkSends.start(b.orgId(), b.id(), b.petitionId()));
        store.markStarted(id);
        log.info("Relay: started bulk send {} left unstarted", id);
      }
    } catch (WorkflowServiceException e) {
      log.warn("Relay: Temporal still unreachable, will retry: {}", e.getMessage());
    }
  }
}
