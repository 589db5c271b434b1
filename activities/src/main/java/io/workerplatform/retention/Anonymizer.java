package io.workerplatform.retention;

import static io.workerplatform.db.Tables.SCHEDULED_DELETIONS;

import io.workerplatform.common.IdSet;
import io.workerplatform.common.PlatformMetrics;
import io.workerplatform.common.RenderedQuery;
import io.workerplatform.cron.Batches;
import io.workerplatform.cron.CronInputs;
import io.workerplatform.cron.CronJob;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Collectors;
import org.jooq.DSLContext;
import org.jooq.Query;
import org.jooq.Record;
import org.jooq.Result;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;

/**
 * The cron job {@code anonymizer}: runs the steps of every registered {@link RetentionCategory}
 * (what was deleted longer ago than its organization's retention period, old log rows) in short
 * batches, after the due scheduled deletions. Each batch locks its rows with {@code SKIP LOCKED},
 * changes them, and writes one audit row per organization in the same transaction; a changed row is
 * never selected again, so a batch that runs twice changes nothing the second time. It knows no
 * capability's tables: only {@code scheduled_deletions} and {@code retention_periods}, its own.
 */
public class Anonymizer implements CronJob {
  public static final String NAME = "anonymizer";
  static final String SCHEDULED_DELETIONS_STEP = "scheduled-deletions";

  private static final String DEADLOCK = "40P01";
  private static final int FALLBACK_RETENTION_DAYS = 30;

  private final DSLContext dsl;
  private final Clock clock;
  private final PlatformMetrics metrics;
  private final RetentionAudit audit;
  /** The steps of all categories in their order, the scheduled deletions first; with their category. */
  private final List<Map.Entry<String, RetentionStep>> steps = new ArrayList<>();
  /** Each category's default retention: the setting, else the category's own default. */
  private final Map<String, Integer> defaultDays = new LinkedHashMap<>();
  private final RenderedQuery dueDeletions;
  private final Map<String, RenderedQuery> softDeletes = new LinkedHashMap<>();

  public Anonymizer(
      DSLContext dsl, Clock clock, Map<String, Integer> defaultRetentionDays, PlatformMetrics metrics,
      List<? extends RetentionCategory> categories, RetentionAudit audit) {
    this.audit = audit;
    this.metrics = metrics;
    this.dsl = dsl;
    this.clock = clock;
    this.dueDeletions = RenderedQuery.of(dsl, dueDeletionsTemplate());
    steps.add(Map.entry(SCHEDULED_DELETIONS_STEP, new RetentionStep(
        SCHEDULED_DELETIONS_STEP, "scheduled-deletion", Integer.MIN_VALUE, this::scheduledDeletions)));
    for (RetentionCategory category : categories) {
      defaultDays.put(category.name(), defaultRetentionDays.getOrDefault(category.name(), category.defaultDays()));
      category.steps().forEach(step -> steps.add(Map.entry(category.name(), step)));
      for (SoftDeletable type : category.softDeletables()) {
        if (softDeletes.put(type.entityType(), RenderedQuery.of(dsl, softDeleteTemplate(type))) != null) {
          throw new IllegalArgumentException("two categories soft-delete " + type.entityType());
        }
      }
    }
    steps.sort(Comparator.comparingInt(step -> step.getValue().order()));
  }

  @Override
  public String name() {
    return NAME;
  }

  /**
   * Input {@code batchSize} (default 500) and {@code parallelism} (default 2: concurrent
   * transactions per step, each over its own share of the rows). Returns rows changed per step,
   * plus the number of batch transactions and the longest one in milliseconds (kept in the run's
   * record, so a slow batch shows in {@code GET /api/cron}).
   */
  @Override
  public Map<String, Long> run(Map<String, String> input, Instant now, Runnable heartbeat) {
    return run(input, now.atOffset(ZoneOffset.UTC), heartbeat);
  }

  /** A run at the host's time (tests, benchmarks). */
  public Map<String, Long> run(Map<String, String> input, Runnable heartbeat) {
    return run(input, OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC), heartbeat);
  }

  /**
   * The run: retention is measured from the run's {@code now} (its workflow's time, the same for
   * a retried attempt), which every batch also stamps on what it changes.
   */
  private Map<String, Long> run(Map<String, String> input, OffsetDateTime now, Runnable heartbeat) {
    int batchSize = CronInputs.positiveInt(input, "batchSize", 500);
    int parallelism = CronInputs.positiveInt(input, "parallelism", 2);
    Map<String, Long> counts = new LinkedHashMap<>();
    BatchTimes times = new BatchTimes();
    Runnable sharedHeartbeat = () -> {
      synchronized (times) {
        heartbeat.run();
      }
    };
    ExecutorService workers = Executors.newFixedThreadPool(parallelism);
    try {
      for (Map.Entry<String, RetentionStep> step : steps) {
        int days = defaultDays.getOrDefault(step.getKey(), FALLBACK_RETENTION_DAYS);
        List<Scan> scans = new ArrayList<>();
        for (int part = 0; part < parallelism; part++) {
          scans.add(new Scan(part, parallelism, now, batchSize, days));
        }
        counts.merge(step.getValue().name(), inParallel(workers, scans, sharedHeartbeat, times, step.getValue()), Long::sum);
      }
    } finally {
      workers.shutdownNow();
    }
    counts.put("batches", times.batches.sum());
    counts.put("longest-batch-ms", times.longestNanos.get() / 1_000_000);
    return counts;
  }

  /** A run's batches' count and longest duration. */
  private static final class BatchTimes {
    final LongAdder batches = new LongAdder();
    final AtomicLong longestNanos = new AtomicLong();
  }

  /** The step's batches in concurrent loops, one per share of its rows. */
  private long inParallel(
      ExecutorService workers, List<Scan> scans, Runnable heartbeat, BatchTimes times, RetentionStep step) {
    List<Future<Long>> shares = new ArrayList<>();
    for (Scan scan : scans) {
      shares.add(workers.submit(() -> loop(heartbeat, times, step, scan)));
    }
    long total = 0;
    try {
      for (Future<Long> share : shares) {
        total += share.get();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    } catch (ExecutionException e) {
      shares.forEach(f -> f.cancel(true));
      throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
    }
    return total;
  }

  private long loop(Runnable heartbeat, BatchTimes times, RetentionStep step, Scan scan) {
    return Batches.untilShort(scan.limit(), heartbeat, () -> {
      long started = System.nanoTime();
      int changed = inTransaction(step, scan);
      long took = System.nanoTime() - started;
      times.longestNanos.accumulateAndGet(took, Math::max);
      times.batches.increment();
      metrics.anonymizerBatch(step.name(), Duration.ofNanos(took));
      metrics.anonymized(step.name(), changed);
      return changed;
    });
  }

  /**
   * One batch in one transaction, with its audit rows. Shares keep workers' rows apart, but two
   * contacts of different shares can meet in a row they both name (a signature request both sign);
   * PostgreSQL then ends one transaction as a deadlock victim, which is run again.
   *
   * <p>A batch commits without waiting for its WAL to reach the disk ({@code synchronous_commit
   * off}, for its transaction only): a database crash may then lose the last fraction of a
   * second of batches, atomically with their audit rows, and the next run does them again, as
   * every batch is idempotent. Once the run's record is written (an ordinary commit, which flushes
   * all the WAL before it), all of the run's batches are on disk.
   */
  private int inTransaction(RetentionStep step, Scan scan) {
    for (int attempt = 1; ; attempt++) {
      try {
        return dsl.transactionResult(tx -> {
          DSLContext t = tx.dsl();
          t.setLocal(DSL.name("synchronous_commit"), DSL.inline("off")).execute();
          List<String> orgIds = step.batch().run(t, scan);
          audit(t, orgIds, step.entityType(), scan.now());
          return orgIds.size();
        });
      } catch (DataAccessException e) {
        if (!DEADLOCK.equals(e.sqlState()) || attempt == 3) {
          throw e;
        }
      }
    }
  }

  /**
   * One audit row per organization of the changed rows ({@code orgIds}, one per row; null for a
   * platform-wide row, such as a cron run: one audit row of no organization).
   */
  private void audit(DSLContext t, List<String> orgIds, String entityType, OffsetDateTime now) {
    Map<Optional<String>, Long> byOrg =
        orgIds.stream().collect(Collectors.groupingBy(Optional::ofNullable, Collectors.counting()));
    byOrg.forEach((org, n) -> audit.record(t, org.orElse(null), entityType, n, now));
  }

  private static Query dueDeletionsTemplate() {
    return DSL.update(SCHEDULED_DELETIONS)
        .set(SCHEDULED_DELETIONS.DONE_AT, RetentionSql.NOW)
        .where(SCHEDULED_DELETIONS.ID.in(
            DSL.select(SCHEDULED_DELETIONS.ID)
                .from(SCHEDULED_DELETIONS)
                .where(SCHEDULED_DELETIONS.DONE_AT.isNull())
                .and(SCHEDULED_DELETIONS.DELETE_AT.le(RetentionSql.NOW))
                // by entity: two deletions of one entity fall to one worker
                .and(RetentionSql.share(SCHEDULED_DELETIONS.ENTITY_ID))
                .limit(RetentionSql.LIMIT)))
        .and(SCHEDULED_DELETIONS.DONE_AT.isNull())
        .returning(SCHEDULED_DELETIONS.ID, SCHEDULED_DELETIONS.ORG_ID, SCHEDULED_DELETIONS.ENTITY_TYPE);
  }

  /** The statement that soft-deletes an entity type's rows as of their scheduled date. */
  private static Query softDeleteTemplate(SoftDeletable type) {
    return DSL.update(type.table())
        .set(type.deletedAt(), DSL.coalesce(type.deletedAt(), SCHEDULED_DELETIONS.DELETE_AT))
        .from(SCHEDULED_DELETIONS)
        .where(IdSet.in(SCHEDULED_DELETIONS.ID, "ids")).and(SCHEDULED_DELETIONS.ENTITY_TYPE.eq(type.entityType()))
        .and(type.id().eq(SCHEDULED_DELETIONS.ENTITY_ID)).and(type.orgId().eq(SCHEDULED_DELETIONS.ORG_ID));
  }

  /** Due scheduled deletions soft-delete their entity as of their date; retention runs from there. */
  private List<String> scheduledDeletions(DSLContext t, Scan scan) {
    Result<Record> done = scan.bind(dueDeletions).fetch(t);
    String[] ids = done.getValues(SCHEDULED_DELETIONS.ID).toArray(String[]::new);
    // one statement per entity type present in the batch
    Set.copyOf(done.getValues(SCHEDULED_DELETIONS.ENTITY_TYPE)).forEach(type -> {
      RenderedQuery softDelete = softDeletes.get(type);
      if (softDelete != null) {
        softDelete.bind().set("ids", ids).execute(t);
      }
    });
    return done.getValues(SCHEDULED_DELETIONS.ORG_ID);
  }
}
