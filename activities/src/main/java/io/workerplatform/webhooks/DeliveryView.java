package io.workerplatform.webhooks;

import java.time.Instant;
import java.util.List;

/** A delivery as the API shows it, read from the application's tables. */
public record DeliveryView(
    String id,
    String orgId,
    String eventId,
    String subscriptionId,
    String status,
    Instant nextAttemptAt,
    String lastError,
    List<Attempt> attempts) {

  public record Attempt(
      int number, Integer statusCode, String error, Instant startedAt, long durationMs) {}
}
