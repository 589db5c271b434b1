package io.workerplatform.common;

import java.time.Duration;

/** The request comes too soon after an earlier one: it may be made again after {@code retryAfter}. */
public class TooManyRequestsException extends RuntimeException {
  private final Duration retryAfter;

  public TooManyRequestsException(String message, Duration retryAfter) {
    super(message);
    this.retryAfter = retryAfter;
  }

  public Duration retryAfter() {
    return retryAfter;
  }
}
