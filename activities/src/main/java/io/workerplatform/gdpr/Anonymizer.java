package io.workerplatform.gdpr;

import static io.workerplatform.db.Tables.CONTACTS;
import static io.workerplatform.db.Tables.DOMAIN_EVENTS;
import static io.workerplatform.db.Tables.FILES;
import static io.workerplatform.db.Tables.PETITIONS;
import static io.workerplatform.db.Tables.PETITION_COMMENTS;
import static io.workerplatform.db.Tables.PETITION_REPLIES;
import static io.workerplatform.db.Tables.RETENTION_PERIODS;
import static io.workerplatform.db.Tables.SCHEDULED_DELETIONS;
import static io.workerplatform.db.Tables.WEBHOOK_ATTEMPTS;
import static io.workerplatform.db.Tables.WEBHOOK_DELIVERIES;

import io.workerplatform.cron.CronInputs;
import io.workerplatform.cron.CronJob;
import io.workerplatform.files.FileStorage;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record2;
import org.jooq.Result;
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
  public static final String FILES_CATEGORY = "files";
  public static final String EVENTS_CATEGORY = "events";

  private final DSLContext dsl;
  private final FileStorage storage;
  private final Clock clock;
  private final Map<String, Integer> defaultRetentionDays;

  public Anonymizer(DSLContext dsl, FileStorage storage, Clock clock, Map<String, Integer> defaultRetentionDays) {
    this.dsl = dsl;
    this.storage = storage;
    this.clock = clock;
    this.defaultRetentionDays = Map.copyOf(defaultRetentionDays);
  }

  @Override
  public String name() {
    return NAME;
  }

  /**
   * Input {@code batchSize} (default 500). Returns rows changed per category, plus the number of
   * batch transactions and the longest one in milliseconds (kept in the run's record, so a slow
   * batch shows in {@code GET /api/cron}).
   */
  @Override
  public Map<String, Long> run(Map<String, String> input, Runnable heartbeat) {
    int batchSize = CronInputs.positiveInt(input, "batchSize", 500);
    Map<String, Long> counts = new LinkedHashMap<>();
    BatchTimes times = new BatchTimes();
    // Due deletions first: they make rows deleted, which the categories below then pick up.
    counts.put("scheduled-deletions", loop(batchSize, heartbeat, times, this::scheduledDeletions));
    counts.put("petition-replies", loop(batchSize, heartbeat, times, this::replies));
    counts.put("petition-comments", loop(batchSize, heartbeat, times, this::comments));
    counts.put("petitions", loop(batchSize, heartbeat, times, this::petitions));
    counts.put("contacts", loop(batchSize, heartbeat, times, this::contacts));
    counts.put("files", loop(batchSize, heartbeat, times, this::files));
    counts.put("events", loop(batchSize, heartbeat, times, this::events));
    counts.put("batches", times.batches);
    counts.put("longest-batch-ms", times.longestNanos / 1_000_000);
    return counts;
  }

  interface Batch {
    int run(DSLContext t, OffsetDateTime now, int limit);
  }

  private static final class BatchTimes {
    long batches;
    long longestNanos;
  }

  private long loop(int batchSize, Runnable heartbeat, BatchTimes times, Batch batch) {
    long total = 0;
    int changed;
    do {
      OffsetDateTime now = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
      long started = System.nanoTime();
      changed = dsl.transactionResult(tx -> batch.run(tx.dsl(), now, batchSize));
      times.longestNanos = Math.max(times.longestNanos, System.nanoTime() - started);
      times.batches++;
      total += changed;
      heartbeat.run();
    } while (changed == batchSize);
    return total;
  }

  /** Deleted at least the organization's retention days before {@code now}. */
  private Condition pastRetention(Field<OffsetDateTime> deletedAt, String category, OffsetDateTime now) {
    Field<Integer> days = DSL.coalesce(RETENTION_PERIODS.DAYS, DSL.val(defaultRetentionDays.getOrDefault(category, 30)));
    return deletedAt.isNotNull().and(deletedAt.plus(days).le(now));
  }

  private static Condition retentionOf(Field<String> orgId, String category) {
    return RETENTION_PERIODS.ORG_ID.eq(orgId).and(RETENTION_PERIODS.CATEGORY.eq(category));
  }

  int replies(DSLContext t, OffsetDateTime now, int limit) {
    Result<Record2<String, String>> due =
        t.select(PETITION_REPLIES.ID, PETITION_REPLIES.ORG_ID)
            .from(PETITION_REPLIES)
            .join(PETITIONS).on(PETITIONS.ID.eq(PETITION_REPLIES.PETITION_ID))
            .leftJoin(RETENTION_PERIODS).on(retentionOf(PETITIONS.ORG_ID, PETITIONS_CATEGORY))
            .where(PETITION_REPLIES.ANONYMIZED_AT.isNull())
            .and(pastRetention(PETITIONS.DELETED_AT, PETITIONS_CATEGORY, now))
            .limit(limit)
            .forUpdate().of(PETITION_REPLIES).skipLocked()
            .fetch();
    t.update(PETITION_REPLIES)
        .set(PETITION_REPLIES.BODY, (String) null)
        .set(PETITION_REPLIES.CONTACT_ID, (String) null)
        .set(PETITION_REPLIES.ANONYMIZED_AT, now)
        .where(PETITION_REPLIES.ID.in(due.getValues(PETITION_REPLIES.ID)))
        .execute();
    return audit(t, due, "petition-reply", now);
  }

  int comments(DSLContext t, OffsetDateTime now, int limit) {
    Result<Record2<String, String>> due =
        t.select(PETITION_COMMENTS.ID, PETITION_COMMENTS.ORG_ID)
            .from(PETITION_COMMENTS)
            .join(PETITIONS).on(PETITIONS.ID.eq(PETITION_COMMENTS.PETITION_ID))
            .leftJoin(RETENTION_PERIODS).on(retentionOf(PETITIONS.ORG_ID, PETITIONS_CATEGORY))
            .where(PETITION_COMMENTS.ANONYMIZED_AT.isNull())
            .and(pastRetention(PETITIONS.DELETED_AT, PETITIONS_CATEGORY, now))
            .limit(limit)
            .forUpdate().of(PETITION_COMMENTS).skipLocked()
            .fetch();
    t.update(PETITION_COMMENTS)
        .set(PETITION_COMMENTS.BODY, (String) null)
        .set(PETITION_COMMENTS.AUTHOR_NAME, (String) null)
        .set(PETITION_COMMENTS.CONTACT_ID, (String) null)
        .set(PETITION_COMMENTS.ANONYMIZED_AT, now)
        .where(PETITION_COMMENTS.ID.in(due.getValues(PETITION_COMMENTS.ID)))
        .execute();
    return audit(t, due, "petition-comment", now);
  }

  int petitions(DSLContext t, OffsetDateTime now, int limit) {
    Result<Record2<String, String>> due =
        t.select(PETITIONS.ID, PETITIONS.ORG_ID)
            .from(PETITIONS)
            .leftJoin(RETENTION_PERIODS).on(retentionOf(PETITIONS.ORG_ID, PETITIONS_CATEGORY))
            .where(PETITIONS.ANONYMIZED_AT.isNull())
            .and(pastRetention(PETITIONS.DELETED_AT, PETITIONS_CATEGORY, now))
            .limit(limit)
            .forUpdate().of(PETITIONS).skipLocked()
            .fetch();
    t.update(PETITIONS)
        .set(PETITIONS.TITLE, ANONYMIZED)
        .set(PETITIONS.ANONYMIZED_AT, now)
        .where(PETITIONS.ID.in(due.getValues(PETITIONS.ID)))
        .execute();
    return audit(t, due, "petition", now);
  }

  int contacts(DSLContext t, OffsetDateTime now, int limit) {
    Result<Record2<String, String>> due =
        t.select(CONTACTS.ID, CONTACTS.ORG_ID)
            .from(CONTACTS)
            .leftJoin(RETENTION_PERIODS).on(retentionOf(CONTACTS.ORG_ID, CONTACTS_CATEGORY))
            .where(CONTACTS.ANONYMIZED_AT.isNull())
            .and(pastRetention(CONTACTS.DELETED_AT, CONTACTS_CATEGORY, now))
            .limit(limit)
            .forUpdate().of(CONTACTS).skipLocked()
            .fetch();
    ContactErasure.anonymizeContacts(t, storage, due.getValues(CONTACTS.ID), now);
    return audit(t, due, "contact", now);
  }

  int files(DSLContext t, OffsetDateTime now, int limit) {
    var due =
        t.select(FILES.ID, FILES.ORG_ID, FILES.STORAGE_KEY)
            .from(FILES)
            .leftJoin(RETENTION_PERIODS).on(retentionOf(FILES.ORG_ID, FILES_CATEGORY))
            .where(FILES.ANONYMIZED_AT.isNull())
            .and(pastRetention(FILES.DELETED_AT, FILES_CATEGORY, now))
            .limit(limit)
            .forUpdate().of(FILES).skipLocked()
            .fetch();
    ContactErasure.eraseFiles(t, storage, due.getValues(FILES.ID), due.getValues(FILES.STORAGE_KEY), now);
    return audit(t, due.into(FILES.ID, FILES.ORG_ID), "file", now);
  }

  /**
   * Domain events older than the retention for events: their payload (whatever the publisher put
   * there) and the receivers' answers to their webhook deliveries are overwritten.
   */
  int events(DSLContext t, OffsetDateTime now, int limit) {
    Result<Record2<String, String>> due =
        t.select(DOMAIN_EVENTS.ID, DOMAIN_EVENTS.ORG_ID)
            .from(DOMAIN_EVENTS)
            .leftJoin(RETENTION_PERIODS).on(retentionOf(DOMAIN_EVENTS.ORG_ID, EVENTS_CATEGORY))
            .where(DOMAIN_EVENTS.ANONYMIZED_AT.isNull())
            .and(pastRetention(DOMAIN_EVENTS.CREATED_AT, EVENTS_CATEGORY, now))
            .limit(limit)
            .forUpdate().of(DOMAIN_EVENTS).skipLocked()
            .fetch();
    List<String> ids = due.getValues(DOMAIN_EVENTS.ID);
    t.update(WEBHOOK_ATTEMPTS)
        .set(WEBHOOK_ATTEMPTS.RESPONSE_EXCERPT, (String) null)
        .where(WEBHOOK_ATTEMPTS.DELIVERY_ID.in(
            DSL.select(WEBHOOK_DELIVERIES.ID).from(WEBHOOK_DELIVERIES).where(WEBHOOK_DELIVERIES.EVENT_ID.in(ids))))
        .and(WEBHOOK_ATTEMPTS.RESPONSE_EXCERPT.isNotNull())
        .execute();
    t.update(DOMAIN_EVENTS)
        .set(DOMAIN_EVENTS.PAYLOAD, ContactErasure.ERASED)
        .set(DOMAIN_EVENTS.ANONYMIZED_AT, now)
        .where(DOMAIN_EVENTS.ID.in(ids))
        .execute();
    return audit(t, due, "domain-event", now);
  }

  /** Due scheduled deletions soft-delete their entity as of their date; retention runs from there. */
  int scheduledDeletions(DSLContext t, OffsetDateTime now, int limit) {
    var due =
        t.selectFrom(SCHEDULED_DELETIONS)
            .where(SCHEDULED_DELETIONS.DONE_AT.isNull())
            .and(SCHEDULED_DELETIONS.DELETE_AT.le(now))
            .limit(limit)
            .forUpdate().skipLocked()
            .fetch();
    for (var deletion : due) {
      switch (deletion.getEntityType()) {
        case "petition" -> t.update(PETITIONS)
            .set(PETITIONS.DELETED_AT, DSL.coalesce(PETITIONS.DELETED_AT, DSL.val(deletion.getDeleteAt())))
            .where(PETITIONS.ID.eq(deletion.getEntityId()).and(PETITIONS.ORG_ID.eq(deletion.getOrgId())))
            .execute();
        case "contact" -> t.update(CONTACTS)
            .set(CONTACTS.DELETED_AT, DSL.coalesce(CONTACTS.DELETED_AT, DSL.val(deletion.getDeleteAt())))
            .where(CONTACTS.ID.eq(deletion.getEntityId()).and(CONTACTS.ORG_ID.eq(deletion.getOrgId())))
            .execute();
        default -> t.update(FILES)
            .set(FILES.DELETED_AT, DSL.coalesce(FILES.DELETED_AT, DSL.val(deletion.getDeleteAt())))
            .where(FILES.ID.eq(deletion.getEntityId()).and(FILES.ORG_ID.eq(deletion.getOrgId())))
            .execute();
      }
    }
    t.update(SCHEDULED_DELETIONS)
        .set(SCHEDULED_DELETIONS.DONE_AT, now)
        .where(SCHEDULED_DELETIONS.ID.in(due.getValues(SCHEDULED_DELETIONS.ID)))
        .execute();
    return audit(t, due.into(SCHEDULED_DELETIONS.ID, SCHEDULED_DELETIONS.ORG_ID), "scheduled-deletion", now);
  }

  private static int audit(DSLContext t, Result<Record2<String, String>> changed, String entityType, OffsetDateTime now) {
    Map<String, Long> byOrg = changed.stream().collect(Collectors.groupingBy(Record2::value2, Collectors.counting()));
    byOrg.forEach((org, n) -> Audit.record(t, org, NAME, "anonymize", entityType, null, Map.of("rows", n), now));
    return changed.size();
  }

  static List<String> categories() {
    return List.of(PETITIONS_CATEGORY, CONTACTS_CATEGORY, FILES_CATEGORY, EVENTS_CATEGORY);
  }
}
