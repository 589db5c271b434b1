package io.workerplatform.screening;

import java.time.Duration;

/**
 * A provider call that failed, classified: the key refused ({@code UNAUTHORIZED}: nothing for
 * this organization works until its key is set again), too many calls ({@code RATE_LIMITED},
 * with the wait the provider asked for), a failure that may pass ({@code TRANSIENT}: 5xx, a
 * timeout, a refused connection), or a request the provider will never accept ({@code
 * PERMANENT}). Its message holds the operation and the status, never a body (it may quote names).
 */
public final class ScreeningException extends RuntimeException {
  public enum Kind { UNAUTHORIZED, RATE_LIMITED, TRANSIENT, PERMANENT }

  private final Kind kind;
  private final Duration retryAfter;

  public ScreeningException(Kind kind, String message, Duration retryAfter, Throwable cause) {
    super(message, cause);
    this.kind = kind;
    this.retryAfter = retryAfter;
  }

  public Kind kind() {
    return kind;
  }

  /** For {@code RATE_LIMITED}: how long the provider asked to wait. */
  public Duration retryAfter() {
    return retryAfter;
  }
}
