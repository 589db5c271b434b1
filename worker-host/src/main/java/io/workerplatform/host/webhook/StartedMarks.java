package io.workerplatform.host.webhook;

import io.workerplatform.webhook.WebhookStore;
import jakarta.annotation.PreDestroy;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Notes in PostgreSQL that Temporal accepted deliveries' workflows, a few at a time: one statement
 * for every delivery published in the last fraction of a second instead of one per delivery. The
 * mark only tells the relay what it need not start; until it is written (or if the process dies
 * first) the relay may start such a delivery again, which Temporal refuses as already started, so
 * nothing runs twice. The first attempt's record sets the mark too.
 */
@Component
class StartedMarks {
  private static final Logger log = LoggerFactory.getLogger(StartedMarks.class);
  static final int BATCH = 1_000;

  private final WebhookStore store;
  private final ConcurrentLinkedQueue<String> pending = new ConcurrentLinkedQueue<>();

  StartedMarks(WebhookStore store) {
    this.store = store;
  }

  void add(String deliveryId) {
    pending.add(deliveryId);
  }

  @Scheduled(fixedDelayString = "${platform.webhooks.started-marks-interval:200ms}")
  @PreDestroy
  void flush() {
    for (List<String> batch = next(); !batch.isEmpty(); batch = next()) {
      try {
        store.markStarted(batch);
      } catch (RuntimeException e) {
        // The relay finds them unmarked after its grace and confirms them with Temporal.
        log.warn("Could not mark {} started deliveries; the relay will: {}", batch.size(), e.getMessage());
      }
    }
  }

  private List<String> next() {
    List<String> batch = new ArrayList<>();
    for (String id = pending.poll(); id != null; id = pending.poll()) {
      batch.add(id);
      if (batch.size() == BATCH) {
        break;
      }
    }
    return batch;
  }
}
