package io.workerplatform.host.metrics;

import java.time.Duration;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * A value gauges read from the database, loaded at most once per {@code every} whatever the number
 * of gauges and scrapes; the last known value stays when a load fails (a scrape must not fail
 * because the database is down).
 */
public final class ScrapedValue<T> {
  private final Supplier<T> load;
  private final long everyNanos;
  private final LongSupplier nanoTime;
  private volatile T value;
  private volatile long loadedAt;
  private volatile boolean loaded;

  public ScrapedValue(Supplier<T> load, T initial, Duration every, LongSupplier nanoTime) {
    this.load = load;
    this.value = initial;
    this.everyNanos = every.toNanos();
    this.nanoTime = nanoTime;
  }

  public T get() {
    long now = nanoTime.getAsLong();
    if (!loaded || now - loadedAt > everyNanos) {
      synchronized (this) {
        if (!loaded || now - loadedAt > everyNanos) {
          try {
            value = load.get();
          } catch (RuntimeException databaseDown) {
            // keep the last known value
          }
          loadedAt = now;
          loaded = true;
        }
      }
    }
    return value;
  }
}
