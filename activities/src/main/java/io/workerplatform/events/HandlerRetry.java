package io.workerplatform.events;

import java.time.Duration;

/**
 * A handler's retry schedule: each try may take up to {@code timeout}; the waits between tries
 * start at {@code initialInterval} and double up to {@code maximumInterval}; after {@code
 * maximumAttempts} tries the handler is {@code FAILED} on that event.
 */
public record HandlerRetry(
    Duration timeout, Duration initialInterval, Duration maximumInterval, int maximumAttempts) {

  /** Ten tries over about 45 minutes. */
  public static final HandlerRetry DEFAULT =
      new HandlerRetry(Duration.ofSeconds(30), Duration.ofSeconds(1), Duration.ofMinutes(10), 10);

  public HandlerRetry {
    if (maximumAttempts < 1) {
      throw new IllegalArgumentException("maximumAttempts must be at least 1");
    }
  }
}
