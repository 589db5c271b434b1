package io.workerplatform.host.support;

import java.time.Duration;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** Polls until a condition holds: the platform works asynchronously behind the API. */
public final class Eventually {
  private Eventually() {}

  public static <T> T await(Supplier<T> probe, Predicate<T> condition, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    T value = probe.get();
    while (!condition.test(value)) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("condition not reached within " + timeout + "; last value: " + value);
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
      value = probe.get();
    }
    return value;
  }
}
