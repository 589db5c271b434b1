package io.workerplatform.idempotency;

import io.workerplatform.cron.Batches;
import io.workerplatform.cron.CronInputs;
import io.workerplatform.cron.CronJob;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

/**
 * Cron job {@code idempotency-keys-cleanup}: deletes the API's idempotency keys, and the answers
 * kept with them, once their time to live ({@code platform.api.idempotency.ttl}) has passed, in
 * batches of {@code batchSize} (1,000). A stored answer may name a person: it lives no longer.
 */
public class IdempotencyKeysCleanup implements CronJob {
  public static final String NAME = "idempotency-keys-cleanup";

  private final IdempotencyStore store;
  private final Duration ttl;

  public IdempotencyKeysCleanup(IdempotencyStore store, Duration ttl) {
    this.store = store;
    this.ttl = ttl;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Map<String, Long> run(Map<String, String> input, Instant now, Runnable heartbeat) {
    int batch = CronInputs.positiveInt(input, "batchSize", 1_000);
    var cutoff = now.minus(ttl).atOffset(ZoneOffset.UTC);
    return Map.of("deleted", Batches.untilShort(batch, heartbeat, () -> store.deleteCreatedBefore(cutoff, batch)));
  }
}
