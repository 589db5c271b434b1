package io.workerplatform.webhooks;

import java.time.Instant;

/**
 * What one HTTP exchange gave.
 *
 * @param statusCode null when no response arrived (refused, unreachable, timed out)
 * @param refused true when the SSRF guard refused to send
 */
public record SendResult(
    Instant startedAt,
    long durationMs,
    Integer statusCode,
    String error,
    String responseExcerpt,
    boolean refused) {

  public boolean delivered() {
    return statusCode != null && statusCode >= 200 && statusCode < 300;
  }
}
