package io.workerplatform.gdpr;

import static io.workerplatform.db.Tables.CONTACTS;
import static io.workerplatform.db.Tables.DOMAIN_EVENTS;
import static io.workerplatform.db.Tables.FILES;
import static io.workerplatform.db.Tables.MEMBERS;
import static io.workerplatform.db.Tables.PETITIONS;
import static io.workerplatform.db.Tables.PETITION_COMMENTS;
import static io.workerplatform.db.Tables.PETITION_REPLIES;
import static io.workerplatform.db.Tables.RETENTION_PERIODS;
import static io.workerplatform.db.Tables.SCHEDULED_DELETIONS;
import static io.workerplatform.db.Tables.WEBHOOK_ATTEMPTS;
import static io.workerplatform.db.Tables.WEBHOOK_DELIVERIES;

import io.workerplatform.common.IdSet;
import io.workerplatform.common.PlatformMetrics;
import io.workerplatform.common.RenderedQuery;
import io.workerplatform.cron.Batches;
import io.workerplatform.cron.CronInputs;
import io.workerplatform.cron.CronJob;
import io.workerplatform.files.FileStorage;
import java.time.Clock;
import java.time.Instant;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Collectors;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Query;
import org.jooq.Record;
import org.jooq.Result;
import org.jooq.Table;
import org.jooq.UpdateSetMoreStep;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;

/**
 * The cron job {@code anonymizer}: anonymizes what was deleted longer ago than its organization's
 * retention period, category by category, in short batches. Each batch locks its rows with {@code
 * SKIP LOCKED}, changes them, and writes one audit row per organization in the same transaction; a
 * changed row is marked {@code anonymized_at} and never selected again, so a batch that runs twice
 * changes nothing the second time.
 */
public class Anonymizer implements CronJob {
  public static final String NAME = "anonymizer";
  public static final String ANONYMIZED = "[anonymized]";

  /** Retention categories (the rows of retention_periods and the keys of the defaults). */
  public static final String PETITIONS_CATEGORY = "petitions";
  public static final String CONTACTS_CATEGORY = "contacts";
  public static final String MEMBERS_CATEGORY = "members";
  public static final String FILES_CATEGORY = "files";
  public static final String EVENTS_CATEGORY = "events";

  private static final String DEADLOCK = "40P01";

  private final DSLContext dsl;
  private final Clock clock;
  private final Map<String, Integer> defaultRetentionDays;
  private final PlatformMetrics metrics;

  // The batch statements, rendered once (see RenderedQuery): a run executes thousands of them,
  // and as typed jOOQ they cost the host half as much CPU again (docs/benchmarks.md).
  private static final Field<OffsetDateTime> NOW = DSL.param("now", OffsetDateTime.class);
  private static final Field<Integer> LIMIT = DSL.param("limit", Integer.class);
  private static final Field<String> AFTER = DSL.param("after", String.class);

  private final ContactErasure erasure;
  private final RenderedQuery replies;
  private final RenderedQuery comments;
  private final RenderedQuery petitions;
  private final RenderedQuery dueContacts;
  private final RenderedQuery members;
  private final RenderedQuery dueFiles;
  private final RenderedQuery dueEvents;
  private final RenderedQuery clearResponses;
  private final RenderedQuery eraseEvents;
  private final RenderedQuery dueDeletions;
  private final Map<String, RenderedQuery> softDeletes;

  public Anonymizer(DSLContext dsl, FileStorage storage, Clock clock, Map<String, Integer> defaultRetentionDays) {
    this(dsl, storage, clock, defaultRetentionDays, PlatformMetrics.none());
  }

  public Anonymizer(
      DSLContext dsl, FileStorage storage, Clock clock, Map<String, Integer> defaultRetentionDays,
      PlatformMetrics metrics) {
    this.metrics = metrics;
    this.dsl = dsl;
    this.clock = clock;
    this.defaultRetentionDays = Map.copyOf(defaultRetentionDays);
    this.erasure = new ContactErasure(dsl, storage);
    this.replies = RenderedQuery.of(dsl, repliesTemplate());
    this.comments = RenderedQuery.of(dsl, commentsTemplate());
    this.petitions = RenderedQuery.of(dsl, petitionsTemplate());
    this.dueContacts = RenderedQuery.of(dsl, dueContactsTemplate());
    this.members = RenderedQuery.of(dsl, membersTemplate());
    this.dueFiles = RenderedQuery.of(dsl, dueFilesTemplate());
    this.dueEvents = RenderedQuery.of(dsl, dueEventsTemplate());
    this.clearResponses = RenderedQuery.of(dsl, clearResponsesTemplate());
    this.eraseEvents = RenderedQuery.of(dsl, eraseEventsTemplate());
    this.dueDeletions = RenderedQuery.of(dsl, dueDeletionsTemplate());
    Map<String, RenderedQuery> byType = new LinkedHashMap<>();
    softDeleteTemplates().forEach((type, template) -> byType.put(type, RenderedQuery.of(dsl, template)));
    this.softDeletes = Map.copyOf(byType);
  }

  @Override
  public String name() {
    return NAME;
  }

  /**
   * Input {@code batchSize} (default 500) and {@code parallelism} (default 2: concurrent
   * transactions per category, each over its own share of the rows). Returns rows changed per
   * category, plus the number of batch transactions and the longest one in milliseconds (kept in
   * the run's record, so a slow batch shows in {@code GET /api/cron}).
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
   * a retried attempt), which every batch also stamps as {@code anonymized_at}.
   */
  private Map<String, Long> run(Map<String, String> input, OffsetDateTime now, Runnable heartbeat) {
    int batchSize = CronInputs.positiveInt(input, "batchSize", 500);
    int parallelism = CronInputs.positiveInt(input, "parallelism", 2);
    Map<String, Long> counts = new LinkedHashMap<>();
    BatchTimes times = new BatchTimes(now);
    Runnable sharedHeartbeat = () -> {
      synchronized (times) {
        heartbeat.run();
      }
    };
    ExecutorService workers = Executors.newFixedThreadPool(parallelism);
    try {
      Category category =
          (name, batch) -> {
            long rows = inParallel(workers, parallelism, batchSize, sharedHeartbeat, times, name, batch);
            counts.put(name, rows);
          };
      // Due deletions first: they make rows deleted, which the categories below then pick up.
      category.run("scheduled-deletions", this::scheduledDeletions);
      category.run("petition-replies", this::replies);
      category.run("petition-comments", this::comments);
      category.run("petitions", this::petitions);
      category.run("contacts", this::contacts);
      category.run("members", this::members);
      category.run("files", this::files);
      category.run("events", this::events);
    } finally {
      workers.shutdownNow();
    }
    counts.put("batches", times.batches.sum());
    counts.put("longest-batch-ms", times.longestNanos.get() / 1_000_000);
    return counts;
  }

  interface Batch {
    int run(DSLContext t, OffsetDateTime now, int limit, Scan scan);
  }

  private interface Category {
    void run(String name, Batch batch);
  }

  /**
   * One worker's scan of one category: its share of the rows ({@link #share}, by a hash of the
   * key that keeps rows one batch locks away from the other workers' batches) and, for
   * categories whose candidates do not leave the scanned set when anonymized (replies and comments
   * are found through their petition, events by id), where it stands: each batch starts where
   * the last one ended, so a run reads every candidate once instead of once per batch.
   */
  static final class Scan {
    private final int part;
    private final int parts;
    String after = "";

    Scan(int part, int parts) {
      this.part = part;
      this.parts = parts;
    }

    /** This worker's share of the rows, by a hash of {@code key}: parameters {@code parts}, {@code part}. */
    static Condition share(Field<String> key) {
      return DSL.function("hashtext", Integer.class, key)
          .bitAnd(Integer.MAX_VALUE)
          .mod(DSL.param("parts", Integer.class))
          .eq(DSL.param("part", Integer.class));
    }

    /** A batch statement with this worker's share, the batch's time and its size set. */
    RenderedQuery.Bound bind(RenderedQuery statement, OffsetDateTime now, int limit) {
      return statement.bind().set("parts", parts).set("part", part).set("now", now).set("limit", limit);
    }
  }

  /** A run's time and its batches' count and longest duration. */
  private static final class BatchTimes {
    final OffsetDateTime now;
    final LongAdder batches = new LongAdder();
    final AtomicLong longestNanos = new AtomicLong();

    BatchTimes(OffsetDateTime now) {
      this.now = now;
    }
  }

  /** The category's batches in {@code parallelism} concurrent loops, one per share of its rows. */
  private long inParallel(
      ExecutorService workers, int parallelism, int batchSize, Runnable heartbeat, BatchTimes times, String category,
      Batch batch) {
    List<Future<Long>> shares = new ArrayList<>();
    for (int part = 0; part < parallelism; part++) {
      Scan scan = new Scan(part, parallelism);
      shares.add(workers.submit(() -> loop(batchSize, heartbeat, times, category, batch, scan)));
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

  private long loop(int batchSize, Runnable heartbeat, BatchTimes times, String category, Batch batch, Scan scan) {
    return Batches.untilShort(batchSize, heartbeat, () -> {
      long started = System.nanoTime();
      int changed = inTransaction(batch, batchSize, scan, times.now);
      long took = System.nanoTime() - started;
      times.longestNanos.accumulateAndGet(took, Math::max);
      times.batches.increment();
      metrics.anonymizerBatch(category, Duration.ofNanos(took));
      metrics.anonymized(category, changed);
      return changed;
    });
  }

  /**
   * One batch in one transaction. Shares keep workers' rows apart, but two contacts of different
   * shares can meet in a row they both name (a signature request both sign); PostgreSQL then ends
   * one transaction as a deadlock victim, which is run again.
   *
   * <p>A batch commits without waiting for its WAL to reach the disk ({@code synchronous_commit
   * off}, for its transaction only): a database crash may then lose the last fraction of a
   * second of batches, atomically with their audit rows, and the next run does them again, as
   * every batch is idempotent. Once the run's record is written (an ordinary commit, which flushes
   * all the WAL before it), all of the run's batches are on disk.
   */
  private int inTransaction(Batch batch, int batchSize, Scan scan, OffsetDateTime now) {
    for (int attempt = 1; ; attempt++) {
      try {
        return dsl.transactionResult(tx -> {
          tx.dsl().setLocal(DSL.name("synchronous_commit"), DSL.inline("off")).execute();
          return batch.run(tx.dsl(), now, batchSize, scan);
        });
      } catch (DataAccessException e) {
        if (!DEADLOCK.equals(e.sqlState()) || attempt == 3) {
          throw e;
        }
      }
    }
  }

  /** Deleted at least the organization's retention days before {@code now}. */
  private Condition pastRetention(Field<OffsetDateTime> deletedAt, String category) {
    Field<Integer> days = DSL.coalesce(RETENTION_PERIODS.DAYS, DSL.val(defaultRetentionDays.getOrDefault(category, 30)));
    return deletedAt.isNotNull().and(deletedAt.plus(days).le(NOW));
  }

  private static Condition retentionOf(Field<String> orgId, String category) {
    return RETENTION_PERIODS.ORG_ID.eq(orgId).and(RETENTION_PERIODS.CATEGORY.eq(category));
  }

  /*
   * Replies, comments and petitions change in one statement per batch: an UPDATE of the ids its
   * subquery picks, returning what the audit and the cursor need. The UPDATE locks only the rows
   * it changes, and re-checks anonymized_at on a row a concurrent run changed meanwhile, so two
   * runs never change a row twice.
   */

  /**
   * Replies and comments: the rows of deleted petitions, petition by petition from the cursor on
   * ({@code >=}: the last petition may have more left), with {@code cleared} columns emptied.
   */
  private <R extends Record> Query petitionRowsTemplate(
      Table<R> table, Field<String> id, Field<String> petitionId, Field<String> orgId,
      Field<OffsetDateTime> anonymizedAt, List<Field<String>> cleared) {
    UpdateSetMoreStep<R> update = DSL.update(table).set(anonymizedAt, NOW);
    for (Field<String> column : cleared) {
      update = update.set(column, (String) null);
    }
    return update
        .where(id.in(
            DSL.select(id)
                .from(PETITIONS)
                .join(table).on(petitionId.eq(PETITIONS.ID))
                .leftJoin(RETENTION_PERIODS).on(retentionOf(PETITIONS.ORG_ID, PETITIONS_CATEGORY))
                .where(PETITIONS.ID.ge(AFTER))
                .and(Scan.share(PETITIONS.ID))
                .and(anonymizedAt.isNull())
                .and(pastRetention(PETITIONS.DELETED_AT, PETITIONS_CATEGORY))
                .orderBy(PETITIONS.ID)
                .limit(LIMIT)))
        .and(anonymizedAt.isNull())
        .returning(orgId, petitionId);
  }

  private Query repliesTemplate() {
    return petitionRowsTemplate(
        PETITION_REPLIES, PETITION_REPLIES.ID, PETITION_REPLIES.PETITION_ID, PETITION_REPLIES.ORG_ID,
        PETITION_REPLIES.ANONYMIZED_AT, List.of(PETITION_REPLIES.BODY, PETITION_REPLIES.CONTACT_ID));
  }

  private Query commentsTemplate() {
    return petitionRowsTemplate(
        PETITION_COMMENTS, PETITION_COMMENTS.ID, PETITION_COMMENTS.PETITION_ID, PETITION_COMMENTS.ORG_ID,
        PETITION_COMMENTS.ANONYMIZED_AT,
        List.of(PETITION_COMMENTS.BODY, PETITION_COMMENTS.AUTHOR_NAME, PETITION_COMMENTS.CONTACT_ID));
  }

  int replies(DSLContext t, OffsetDateTime now, int limit, Scan scan) {
    return petitionRows(t, now, limit, scan, replies, PETITION_REPLIES.ORG_ID, PETITION_REPLIES.PETITION_ID, "petition-reply");
  }

  int comments(DSLContext t, OffsetDateTime now, int limit, Scan scan) {
    return petitionRows(t, now, limit, scan, comments, PETITION_COMMENTS.ORG_ID, PETITION_COMMENTS.PETITION_ID, "petition-comment");
  }

  private int petitionRows(
      DSLContext t, OffsetDateTime now, int limit, Scan scan, RenderedQuery statement,
      Field<String> orgId, Field<String> petitionId, String entityType) {
    Result<Record> changed = scan.bind(statement, now, limit).set("after", scan.after).fetch(t);
    changed.getValues(petitionId).stream().max(String::compareTo).ifPresent(last -> scan.after = last);
    return audit(t, changed.getValues(orgId), entityType, now);
  }

  private Query petitionsTemplate() {
    return DSL.update(PETITIONS)
        .set(PETITIONS.TITLE, ANONYMIZED)
        .set(PETITIONS.ANONYMIZED_AT, NOW)
        .where(PETITIONS.ID.in(
            DSL.select(PETITIONS.ID)
                .from(PETITIONS)
                .leftJoin(RETENTION_PERIODS).on(retentionOf(PETITIONS.ORG_ID, PETITIONS_CATEGORY))
                .where(PETITIONS.ANONYMIZED_AT.isNull())
                .and(Scan.share(PETITIONS.ID))
                .and(pastRetention(PETITIONS.DELETED_AT, PETITIONS_CATEGORY))
                .limit(LIMIT)))
        .and(PETITIONS.ANONYMIZED_AT.isNull())
        .returning(PETITIONS.ORG_ID);
  }

  int petitions(DSLContext t, OffsetDateTime now, int limit, Scan scan) {
    Result<Record> changed = scan.bind(petitions, now, limit).fetch(t);
    return audit(t, changed.getValues(PETITIONS.ORG_ID), "petition", now);
  }

  private Query dueContactsTemplate() {
    return DSL.select(CONTACTS.ID, CONTACTS.ORG_ID)
        .from(CONTACTS)
        .leftJoin(RETENTION_PERIODS).on(retentionOf(CONTACTS.ORG_ID, CONTACTS_CATEGORY))
        .where(CONTACTS.ANONYMIZED_AT.isNull())
        // by address: SES events and suppressions are found by it
        .and(Scan.share(DSL.lower(CONTACTS.EMAIL)))
        .and(pastRetention(CONTACTS.DELETED_AT, CONTACTS_CATEGORY))
        .limit(LIMIT)
        .forUpdate().of(CONTACTS).skipLocked();
  }

  int contacts(DSLContext t, OffsetDateTime now, int limit, Scan scan) {
    Result<Record> due = scan.bind(dueContacts, now, limit).fetch(t);
    erasure.anonymizeContacts(t, due.getValues(CONTACTS.ID), now);
    return audit(t, due.getValues(CONTACTS.ORG_ID), "contact", now);
  }

  /** Deleted members: their address and name overwritten in one statement per batch. */
  private Query membersTemplate() {
    return DSL.update(MEMBERS)
        .set(MEMBERS.EMAIL, DSL.val("anonymized-").concat(MEMBERS.ID).concat(DSL.val("@invalid")))
        .set(MEMBERS.NAME, (String) null)
        .set(MEMBERS.ANONYMIZED_AT, NOW)
        .where(MEMBERS.ID.in(
            DSL.select(MEMBERS.ID)
                .from(MEMBERS)
                .leftJoin(RETENTION_PERIODS).on(retentionOf(MEMBERS.ORG_ID, MEMBERS_CATEGORY))
                .where(MEMBERS.ANONYMIZED_AT.isNull())
                .and(Scan.share(MEMBERS.ID))
                .and(pastRetention(MEMBERS.DELETED_AT, MEMBERS_CATEGORY))
                .limit(LIMIT)))
        .and(MEMBERS.ANONYMIZED_AT.isNull())
        .returning(MEMBERS.ORG_ID);
  }

  int members(DSLContext t, OffsetDateTime now, int limit, Scan scan) {
    Result<Record> changed = scan.bind(members, now, limit).fetch(t);
    return audit(t, changed.getValues(MEMBERS.ORG_ID), "member", now);
  }

  private Query dueFilesTemplate() {
    return DSL.select(FILES.ID, FILES.ORG_ID, FILES.STORAGE_KEY)
        .from(FILES)
        .leftJoin(RETENTION_PERIODS).on(retentionOf(FILES.ORG_ID, FILES_CATEGORY))
        .where(FILES.ANONYMIZED_AT.isNull())
        .and(Scan.share(FILES.ID))
        .and(pastRetention(FILES.DELETED_AT, FILES_CATEGORY))
        .limit(LIMIT)
        .forUpdate().of(FILES).skipLocked();
  }

  int files(DSLContext t, OffsetDateTime now, int limit, Scan scan) {
    Result<Record> due = scan.bind(dueFiles, now, limit).fetch(t);
    erasure.eraseFiles(t, due.getValues(FILES.ID), due.getValues(FILES.STORAGE_KEY), now);
    return audit(t, due.getValues(FILES.ORG_ID), "file", now);
  }

  private Query dueEventsTemplate() {
    return DSL.select(DOMAIN_EVENTS.ID, DOMAIN_EVENTS.ORG_ID)
        .from(DOMAIN_EVENTS)
        .leftJoin(RETENTION_PERIODS).on(retentionOf(DOMAIN_EVENTS.ORG_ID, EVENTS_CATEGORY))
        .where(DOMAIN_EVENTS.ID.gt(AFTER))
        .and(Scan.share(DOMAIN_EVENTS.ID))
        .and(DOMAIN_EVENTS.ANONYMIZED_AT.isNull())
        .and(pastRetention(DOMAIN_EVENTS.CREATED_AT, EVENTS_CATEGORY))
        .orderBy(DOMAIN_EVENTS.ID)
        .limit(LIMIT)
        .forUpdate().of(DOMAIN_EVENTS).skipLocked();
  }

  /**
   * Domain events older than the retention for events: their payload (whatever the publisher put
   * there) and the receivers' answers to their webhook deliveries are overwritten.
   */
  int events(DSLContext t, OffsetDateTime now, int limit, Scan scan) {
    Result<Record> due = scan.bind(dueEvents, now, limit).set("after", scan.after).fetch(t);
    if (due.isEmpty()) {
      return 0;
    }
    scan.after = due.get(due.size() - 1).get(DOMAIN_EVENTS.ID);
    String[] ids = due.getValues(DOMAIN_EVENTS.ID).toArray(String[]::new);
    clearResponses.bind().set("ids", ids).execute(t);
    eraseEvents.bind().set("ids", ids).set("now", now).execute(t);
    return audit(t, due.getValues(DOMAIN_EVENTS.ORG_ID), "domain-event", now);
  }

  private static Query clearResponsesTemplate() {
    return DSL.update(WEBHOOK_ATTEMPTS)
        .set(WEBHOOK_ATTEMPTS.RESPONSE_EXCERPT, (String) null)
        .where(WEBHOOK_ATTEMPTS.DELIVERY_ID.in(
            DSL.select(WEBHOOK_DELIVERIES.ID).from(WEBHOOK_DELIVERIES).where(IdSet.in(WEBHOOK_DELIVERIES.EVENT_ID, "ids"))))
        .and(WEBHOOK_ATTEMPTS.RESPONSE_EXCERPT.isNotNull());
  }

  private static Query eraseEventsTemplate() {
    return DSL.update(DOMAIN_EVENTS)
        .set(DOMAIN_EVENTS.PAYLOAD, ContactErasure.ERASED)
        .set(DOMAIN_EVENTS.ANONYMIZED_AT, NOW)
        .where(IdSet.in(DOMAIN_EVENTS.ID, "ids"));
  }

  private static Query dueDeletionsTemplate() {
    return DSL.update(SCHEDULED_DELETIONS)
        .set(SCHEDULED_DELETIONS.DONE_AT, NOW)
        .where(SCHEDULED_DELETIONS.ID.in(
            DSL.select(SCHEDULED_DELETIONS.ID)
                .from(SCHEDULED_DELETIONS)
                .where(SCHEDULED_DELETIONS.DONE_AT.isNull())
                .and(SCHEDULED_DELETIONS.DELETE_AT.le(NOW))
                // by entity: two deletions of one entity fall to one worker
                .and(Scan.share(SCHEDULED_DELETIONS.ENTITY_ID))
                .limit(LIMIT)))
        .and(SCHEDULED_DELETIONS.DONE_AT.isNull())
        .returning(SCHEDULED_DELETIONS.ID, SCHEDULED_DELETIONS.ORG_ID, SCHEDULED_DELETIONS.ENTITY_TYPE);
  }

  /** Per entity type, the statement that soft-deletes its rows as of their scheduled date. */
  private static Map<String, Query> softDeleteTemplates() {
    Condition inBatch = IdSet.in(SCHEDULED_DELETIONS.ID, "ids");
    return Map.of(
        "petition", DSL.update(PETITIONS)
            .set(PETITIONS.DELETED_AT, DSL.coalesce(PETITIONS.DELETED_AT, SCHEDULED_DELETIONS.DELETE_AT))
            .from(SCHEDULED_DELETIONS)
            .where(inBatch).and(SCHEDULED_DELETIONS.ENTITY_TYPE.eq("petition"))
            .and(PETITIONS.ID.eq(SCHEDULED_DELETIONS.ENTITY_ID)).and(PETITIONS.ORG_ID.eq(SCHEDULED_DELETIONS.ORG_ID)),
        "contact", DSL.update(CONTACTS)
            .set(CONTACTS.DELETED_AT, DSL.coalesce(CONTACTS.DELETED_AT, SCHEDULED_DELETIONS.DELETE_AT))
            .from(SCHEDULED_DELETIONS)
            .where(inBatch).and(SCHEDULED_DELETIONS.ENTITY_TYPE.eq("contact"))
            .and(CONTACTS.ID.eq(SCHEDULED_DELETIONS.ENTITY_ID)).and(CONTACTS.ORG_ID.eq(SCHEDULED_DELETIONS.ORG_ID)),
        "file", DSL.update(FILES)
            .set(FILES.DELETED_AT, DSL.coalesce(FILES.DELETED_AT, SCHEDULED_DELETIONS.DELETE_AT))
            .from(SCHEDULED_DELETIONS)
            .where(inBatch).and(SCHEDULED_DELETIONS.ENTITY_TYPE.eq("file"))
            .and(FILES.ID.eq(SCHEDULED_DELETIONS.ENTITY_ID)).and(FILES.ORG_ID.eq(SCHEDULED_DELETIONS.ORG_ID)));
  }

  /** Due scheduled deletions soft-delete their entity as of their date; retention runs from there. */
  int scheduledDeletions(DSLContext t, OffsetDateTime now, int limit, Scan scan) {
    Result<Record> done = scan.bind(dueDeletions, now, limit).fetch(t);
    String[] ids = done.getValues(SCHEDULED_DELETIONS.ID).toArray(String[]::new);
    // one statement per entity type present in the batch
    Set.copyOf(done.getValues(SCHEDULED_DELETIONS.ENTITY_TYPE)).forEach(type -> {
      RenderedQuery softDelete = softDeletes.get(type);
      if (softDelete != null) {
        softDelete.bind().set("ids", ids).execute(t);
      }
    });
    return audit(t, done.getValues(SCHEDULED_DELETIONS.ORG_ID), "scheduled-deletion", now);
  }

  /** One audit row per organization of the changed rows ({@code orgIds}, one per row). */
  private int audit(DSLContext t, List<String> orgIds, String entityType, OffsetDateTime now) {
    Map<String, Long> byOrg = orgIds.stream().collect(Collectors.groupingBy(org -> org, Collectors.counting()));
    byOrg.forEach((org, n) -> Audit.record(t, org, NAME, "anonymize", entityType, null, Map.of("rows", n), now));
    return orgIds.size();
  }

  static List<String> categories() {
    return List.of(PETITIONS_CATEGORY, CONTACTS_CATEGORY, MEMBERS_CATEGORY, FILES_CATEGORY, EVENTS_CATEGORY);
  }
}
