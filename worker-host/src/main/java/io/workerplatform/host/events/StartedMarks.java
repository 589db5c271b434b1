package io.workerplatform.host.events;

import io.workerplatform.outbox.Outbox;
import io.workerplatform.events.EventStore;
import jakarta.annotation.PreDestroy;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Notes in PostgreSQL that Temporal accepted events' workflows, a few at a time: one statement for
 * every event published in the last fraction of a second instead of one per event. The mark only
 * tells the relay what it need not start; until it is written (or if the process dies first) the
 * relay may start such an event again, which Temporal refuses as already started, so nothing runs
 * twice.
 */
@Component
class StartedMarks {
  private static final Logger log = LoggerFactory.getLogger(StartedMarks.class);
  static final int BATCH = 1_000;

  private final Outbox outbox;
  private final ConcurrentLinkedQueue<String> pending = new ConcurrentLinkedQueue<>();

  StartedMarks(Outbox outbox) {
    this.outbox = outbox;
  }

  void add(String id) {
    pending.add(id);
  }

  @Scheduled(fixedDelayString = "${platform.events.started-marks-interval:200ms}")
  @PreDestroy
  void flush() {
    for (List<String> batch = next(); !batch.isEmpty(); batch = next()) {
      try {
        outbox.markStarted(EventStore.OUTBOX, batch);
      } catch (RuntimeException e) {
        // The relay finds them unmarked after its grace and confirms them with Temporal.
        log.warn("Could not mark {} started events; the relay will: {}", batch.size(), e.getMessage());
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
