package io.workerplatform.host.idempotency;

import io.workerplatform.idempotency.IdempotencyStore;
import jakarta.annotation.PreDestroy;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Records what became of a keyed request: its answer, or the key freed after a 5xx. A write that
 * fails (the database went away after the work was committed) is tried again in the background
 * until the database answers, so that a retry meanwhile finds the key in progress (409) rather than
 * free, and never does the work twice.
 */
@Component
class KeyOutcomes {
  private static final Logger log = LoggerFactory.getLogger(KeyOutcomes.class);
  /** Writes waiting for the database, at most: beyond, the key's lease decides. */
  static final int MAX_PENDING = 10_000;
  private static final Duration MAX_BACKOFF = Duration.ofSeconds(10);

  private final IdempotencyStore store;
  private final ScheduledExecutorService retries =
      Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("idempotency-keys").daemon().factory());
  private final AtomicInteger pending = new AtomicInteger();

  KeyOutcomes(IdempotencyStore store) {
    this.store = store;
  }

  void complete(String orgId, String key, int status, String contentType, String location, byte[] body) {
    write(orgId, key, () -> store.complete(orgId, key, status, contentType, location, body));
  }

  void release(String orgId, String key) {
    write(orgId, key, () -> store.release(orgId, key));
  }

  /** Writes still waiting for the database (for tests and the log). */
  int pending() {
    return pending.get();
  }

  private void write(String orgId, String key, Runnable write) {
    try {
      write.run();
    } catch (RuntimeException e) {
      if (pending.incrementAndGet() > MAX_PENDING) {
        pending.decrementAndGet();
        log.warn("Idempotency key of organization {} not recorded ({}); too many waiting", orgId, e.getClass().getSimpleName());
        return;
      }
      log.warn("Idempotency key of organization {} not recorded yet ({}); trying again", orgId, e.getClass().getSimpleName());
      retries.schedule(() -> retry(orgId, write, Duration.ofMillis(500)), 500, TimeUnit.MILLISECONDS);
    }
  }

  private void retry(String orgId, Runnable write, Duration delay) {
    try {
      write.run();
      pending.decrementAndGet();
    } catch (RuntimeException e) {
      Duration next = delay.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : delay.multipliedBy(2);
      retries.schedule(() -> retry(orgId, write, next), next.toMillis(), TimeUnit.MILLISECONDS);
    }
  }

  @PreDestroy
  void stop() {
    retries.shutdownNow();
  }
}
