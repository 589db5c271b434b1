package io.workerplatform.webhooks;

import static io.workerplatform.db.Tables.WEBHOOK_ATTEMPTS;

import io.workerplatform.cron.Batches;
import io.workerplatform.cron.CronInputs;
import io.workerplatform.cron.CronJob;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/**
 * Deletes webhook attempt records older than {@code olderThanDays} (default 90) in batches of
 * {@code batchSize} (default 1,000): short transactions, one heartbeat per batch.
 */
public class WebhookAttemptsCleanup implements CronJob {
  public static final String NAME = "webhook-attempts-cleanup";

  private final DSLContext dsl;

  public WebhookAttemptsCleanup(DSLContext dsl) {
    this.dsl = dsl;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Map<String, Long> run(Map<String, String> input, Instant now, Runnable heartbeat) {
    int days = CronInputs.positiveInt(input, "olderThanDays", 90);
    int batch = CronInputs.positiveInt(input, "batchSize", 1_000);
    OffsetDateTime before = now.atOffset(ZoneOffset.UTC).minusDays(days);
    long deleted = Batches.untilShort(batch, heartbeat, () -> {
      var oldest =
          DSL.select(WEBHOOK_ATTEMPTS.ATTEMPT_KEY)
              .from(WEBHOOK_ATTEMPTS)
              .where(WEBHOOK_ATTEMPTS.STARTED_AT.lt(before))
              .limit(batch);
      return dsl.deleteFrom(WEBHOOK_ATTEMPTS).where(WEBHOOK_ATTEMPTS.ATTEMPT_KEY.in(oldest)).execute();
    });
    return Map.of("deleted", deleted);
  }
}
