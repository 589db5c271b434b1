package io.workerplatform.reports;

import static io.workerplatform.db.Tables.REPORTS;
import static io.workerplatform.db.Tables.REPORT_SCHEDULES;

import io.workerplatform.common.Ids;
import io.workerplatform.common.Page;
import io.workerplatform.db.tables.records.ReportSchedulesRecord;
import io.workerplatform.db.tables.records.ReportsRecord;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/** Organizations' report schedules and the reports built of them, one per schedule and period. */
public class ReportStore {
  public static final String WEEKLY = "WEEKLY";
  public static final String MONTHLY = "MONTHLY";
  public static final List<String> PERIODS = List.of(WEEKLY, MONTHLY);

  public static final String BUILDING = "BUILDING";
  public static final String READY = "READY";
  public static final String FAILED = "FAILED";
  public static final String EXPIRED = "EXPIRED";

  public record Schedule(
      String id, String orgId, String kind, String period, List<String> recipientIds, Instant createdAt) {}

  /** A report; {@code periodEnd} is the period's first day after it (the period is {@code [start, end)}). */
  public record Report(
      String id, String orgId, String scheduleId, String kind, String period, LocalDate periodStart,
      LocalDate periodEnd, String status, List<String> recipientIds, String storageKey, Long sizeBytes, String sha256,
      Long rows, String failureReason, Instant createdAt, Instant readyAt, Instant expiresAt) {}

  private final DSLContext dsl;
  private final Clock clock;

  public ReportStore(DSLContext dsl, Clock clock) {
    this.dsl = dsl;
    this.clock = clock;
  }

  public Schedule create(String orgId, String kind, String period, List<String> recipientIds) {
    ReportSchedulesRecord row = dsl.insertInto(REPORT_SCHEDULES)
        .set(REPORT_SCHEDULES.ID, Ids.newId("rsc"))
        .set(REPORT_SCHEDULES.ORG_ID, orgId)
        .set(REPORT_SCHEDULES.KIND, kind)
        .set(REPORT_SCHEDULES.PERIOD, period)
        .set(REPORT_SCHEDULES.RECIPIENT_IDS, recipientIds.toArray(String[]::new))
        .set(REPORT_SCHEDULES.CREATED_AT, OffsetDateTime.now(clock))
        .returning()
        .fetchSingle();
    return schedule(row);
  }

  public Optional<Schedule> find(String orgId, String id) {
    return dsl.selectFrom(REPORT_SCHEDULES).where(REPORT_SCHEDULES.ID.eq(id)).and(REPORT_SCHEDULES.ORG_ID.eq(orgId))
        .fetchOptional(ReportStore::schedule);
  }

  /** The organization's schedules, newest first. */
  public Page<Schedule> list(String orgId, int limit, Optional<Page.After> after) {
    return Page.of(
        dsl.selectFrom(REPORT_SCHEDULES)
            .where(REPORT_SCHEDULES.ORG_ID.eq(orgId))
            .and(after.map(a -> DSL.row(REPORT_SCHEDULES.CREATED_AT, REPORT_SCHEDULES.ID).lt(a.createdAt(), a.id()))
                .orElse(DSL.noCondition()))
            .orderBy(REPORT_SCHEDULES.CREATED_AT.desc(), REPORT_SCHEDULES.ID.desc())
            .limit(limit + 1)
            .fetch(),
        limit, ReportSchedulesRecord::getCreatedAt, ReportSchedulesRecord::getId, ReportStore::schedule);
  }

  /** Deletes the schedule; its reports stay until they expire. False when the organization has none. */
  public boolean delete(String orgId, String id) {
    return dsl.deleteFrom(REPORT_SCHEDULES).where(REPORT_SCHEDULES.ID.eq(id)).and(REPORT_SCHEDULES.ORG_ID.eq(orgId))
        .execute() == 1;
  }

  /** The schedules after {@code afterId} by id, of one organization or (null) all: the job's pages. */
  public List<Schedule> schedulesAfter(String orgIdOrAll, String afterId, int limit) {
    return dsl.selectFrom(REPORT_SCHEDULES)
        .where(REPORT_SCHEDULES.ID.gt(afterId))
        .and(orgIdOrAll == null ? DSL.noCondition() : REPORT_SCHEDULES.ORG_ID.eq(orgIdOrAll))
        .orderBy(REPORT_SCHEDULES.ID)
        .limit(limit)
        .fetch(ReportStore::schedule);
  }

  /**
   * The schedule's report of the period: created {@code BUILDING} with the schedule's recipients the
   * first time, found afterwards (once per schedule and period).
   */
  public Report claim(Schedule schedule, LocalDate start, LocalDate end) {
    dsl.insertInto(REPORTS)
        .set(REPORTS.ID, Ids.newId("rep"))
        .set(REPORTS.ORG_ID, schedule.orgId())
        .set(REPORTS.SCHEDULE_ID, schedule.id())
        .set(REPORTS.KIND, schedule.kind())
        .set(REPORTS.PERIOD, schedule.period())
        .set(REPORTS.PERIOD_START, start)
        .set(REPORTS.PERIOD_END, end)
        .set(REPORTS.STATUS, BUILDING)
        .set(REPORTS.RECIPIENT_IDS, schedule.recipientIds().toArray(String[]::new))
        .set(REPORTS.CREATED_AT, OffsetDateTime.now(clock))
        .onConflict(REPORTS.SCHEDULE_ID, REPORTS.PERIOD_START).where(REPORTS.SCHEDULE_ID.isNotNull())
        .doNothing()
        .execute();
    return dsl.selectFrom(REPORTS).where(REPORTS.SCHEDULE_ID.eq(schedule.id())).and(REPORTS.PERIOD_START.eq(start))
        .fetchSingle(ReportStore::report);
  }

  /** The report's file is stored: ready to download until {@code expiresAt}. */
  public void ready(String id, String storageKey, long sizeBytes, String sha256, long rows, Instant expiresAt) {
    dsl.update(REPORTS)
        .set(REPORTS.STATUS, READY)
        .set(REPORTS.STORAGE_KEY, storageKey)
        .set(REPORTS.SIZE_BYTES, sizeBytes)
        .set(REPORTS.SHA256, sha256)
        .set(REPORTS.ROWS, rows)
        .setNull(REPORTS.FAILURE_REASON)
        .set(REPORTS.READY_AT, OffsetDateTime.now(clock))
        .set(REPORTS.EXPIRES_AT, expiresAt.atOffset(ZoneOffset.UTC))
        .where(REPORTS.ID.eq(id)).and(REPORTS.STATUS.in(BUILDING, FAILED))
        .execute();
  }

  /** The build failed (the reason a category, never data); the next run builds it again. */
  public void failed(String id, String reason) {
    dsl.update(REPORTS).set(REPORTS.STATUS, FAILED).set(REPORTS.FAILURE_REASON, reason)
        .where(REPORTS.ID.eq(id)).and(REPORTS.STATUS.in(BUILDING, FAILED)).execute();
  }

  /** Ready reports whose {@code report.ready} is not published yet. */
  public List<Report> unannounced(int limit) {
    return dsl.selectFrom(REPORTS).where(REPORTS.STATUS.eq(READY)).and(REPORTS.ANNOUNCED_AT.isNull())
        .orderBy(REPORTS.ID).limit(limit).fetch(ReportStore::report);
  }

  public void announced(String id) {
    dsl.update(REPORTS).set(REPORTS.ANNOUNCED_AT, OffsetDateTime.now(clock)).where(REPORTS.ID.eq(id)).execute();
  }

  /** Ready reports whose link expired by {@code now}. */
  public List<Report> expiredBy(Instant now, int limit) {
    return dsl.selectFrom(REPORTS).where(REPORTS.STATUS.eq(READY)).and(REPORTS.EXPIRES_AT.le(now.atOffset(ZoneOffset.UTC)))
        .orderBy(REPORTS.EXPIRES_AT).limit(limit).fetch(ReportStore::report);
  }

  /** The file is deleted: the report stays as a record of what was sent. */
  public void expired(String id) {
    dsl.update(REPORTS).set(REPORTS.STATUS, EXPIRED).setNull(REPORTS.STORAGE_KEY)
        .where(REPORTS.ID.eq(id)).and(REPORTS.STATUS.eq(READY)).execute();
  }

  public Optional<Report> report(String orgId, String id) {
    return dsl.selectFrom(REPORTS).where(REPORTS.ID.eq(id)).and(REPORTS.ORG_ID.eq(orgId)).fetchOptional(ReportStore::report);
  }

  /** A report by id alone: what a signed link names (the signature ties the link to it). */
  public Optional<Report> report(String id) {
    return dsl.selectFrom(REPORTS).where(REPORTS.ID.eq(id)).fetchOptional(ReportStore::report);
  }

  /** The organization's reports, newest first, of one schedule when {@code scheduleId} is given. */
  public Page<Report> reports(String orgId, String scheduleId, int limit, Optional<Page.After> after) {
    Condition where = REPORTS.ORG_ID.eq(orgId)
        .and(scheduleId == null ? DSL.noCondition() : REPORTS.SCHEDULE_ID.eq(scheduleId))
        .and(after.map(a -> DSL.row(REPORTS.CREATED_AT, REPORTS.ID).lt(a.createdAt(), a.id())).orElse(DSL.noCondition()));
    return Page.of(
        dsl.selectFrom(REPORTS).where(where).orderBy(REPORTS.CREATED_AT.desc(), REPORTS.ID.desc()).limit(limit + 1).fetch(),
        limit, ReportsRecord::getCreatedAt, ReportsRecord::getId, ReportStore::report);
  }

  private static Schedule schedule(ReportSchedulesRecord r) {
    return new Schedule(r.getId(), r.getOrgId(), r.getKind(), r.getPeriod(), Arrays.asList(r.getRecipientIds()),
        r.getCreatedAt().toInstant());
  }

  private static Report report(ReportsRecord r) {
    return new Report(
        r.getId(), r.getOrgId(), r.getScheduleId(), r.getKind(), r.getPeriod(), r.getPeriodStart(), r.getPeriodEnd(),
        r.getStatus(), Arrays.asList(r.getRecipientIds()), r.getStorageKey(), r.getSizeBytes(), r.getSha256(), r.getRows(),
        r.getFailureReason(), r.getCreatedAt().toInstant(), instant(r.getReadyAt()), instant(r.getExpiresAt()));
  }

  private static Instant instant(OffsetDateTime at) {
    return at == null ? null : at.toInstant();
  }
}
