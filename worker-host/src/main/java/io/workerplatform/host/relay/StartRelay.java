package io.workerplatform.host.relay;

import io.temporal.client.WorkflowServiceException;
import io.workerplatform.host.webhook.WebhookProperties;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The outbox relay between PostgreSQL and Temporal: periodically starts what was stored while
 * Temporal was unreachable. It bridges the two, so it cannot itself be a Temporal workflow.
 */
@Component
public class StartRelay {
  private static final Logger log = LoggerFactory.getLogger(StartRelay.class);
  static final int BATCH = 100;

  private final List<Unstarted> sources;
  private final WebhookProperties properties;

  StartRelay(List<Unstarted> sources, WebhookProperties properties) {
    this.sources = sources;
    this.properties = properties;
  }

  @Scheduled(
      fixedDelayString = "${platform.webhooks.relay-interval:30s}",
      initialDelayString = "${platform.webhooks.relay-interval:30s}")
  public void relay() {
    try {
      for (Unstarted source : sources) {
        int started;
        do {
          started = source.startOlderThan(properties.relayGrace(), BATCH);
          if (started > 0) {
            log.info("Relay: started {} {} left unstarted", started, source.what());
          }
        } while (started == BATCH);
      }
    } catch (WorkflowServiceException e) {
      log.warn("Relay: Temporal still unreachable, will retry: {}", e.getMessage());
    }
  }
}
