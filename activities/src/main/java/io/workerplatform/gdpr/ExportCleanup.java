package io.workerplatform.gdpr;

import static io.workerplatform.db.Tables.EXPORTS;

import io.workerplatform.cron.Batches;
import io.workerplatform.cron.CronInputs;
import io.workerplatform.cron.CronJob;
import io.workerplatform.audit.AuditLog;
import io.workerplatform.files.FileStorage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.stream.Collectors;
import org.jooq.DSLContext;

/**
 * The cron job {@code gdpr-export-cleanup}: deletes the archives of exports past their expiry and
 * marks them {@code EXPIRED}, in batches (each a short transaction; a batch run twice finds nothing).
 */
public class ExportCleanup implements CronJob {
  public static final String NAME = "gdpr-export-cleanup";

  private final DSLContext dsl;
  private final FileStorage storage;

  public ExportCleanup(DSLContext dsl, FileStorage storage) {
    this.dsl = dsl;
    this.storage = storage;
  }

  @Override
  public String name() {
    return NAME;
  }

  /** Input {@code batchSize} (default 100). Returns {@code expired}: archives deleted. */
  @Override
  public Map<String, Long> run(Map<String, String> input, Instant now, Runnable heartbeat) {
    int batchSize = CronInputs.positiveInt(input, "batchSize", 100);
    long expired = Batches.untilShort(batchSize, heartbeat, () -> {
      return dsl.transactionResult(tx -> expire(tx.dsl(), now.atOffset(ZoneOffset.UTC), batchSize));
    });
    return Map.of("expired", expired);
  }

  private int expire(DSLContext t, OffsetDateTime now, int limit) {
    var due =
        t.select(EXPORTS.ID, EXPORTS.STORAGE_KEY, EXPORTS.ORG_ID)
            .from(EXPORTS)
            .where(EXPORTS.STATUS.eq(ExportResult.COMPLETED))
            .and(EXPORTS.EXPIRES_AT.le(now))
            .limit(limit)
            .forUpdate().skipLocked()
            .fetch();
    for (String key : due.getValues(EXPORTS.STORAGE_KEY)) {
      try {
        storage.delete(key); // first: a row marked EXPIRED never points at bytes still there
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    t.update(EXPORTS)
        .set(EXPORTS.STATUS, ExportResult.EXPIRED)
        .set(EXPORTS.STORAGE_KEY, (String) null)
        .where(EXPORTS.ID.in(due.getValues(EXPORTS.ID)))
        .execute();
    due.stream().collect(Collectors.groupingBy(r -> r.get(EXPORTS.ORG_ID), Collectors.counting()))
        .forEach((org, n) -> AuditLog.record(t, org, NAME, "expire", "export", null, Map.of("exports", n), now));
    return due.size();
  }
}
