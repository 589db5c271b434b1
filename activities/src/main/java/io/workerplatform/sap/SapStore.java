package io.workerplatform.sap;

import static io.workerplatform.db.Tables.SAP_INTEGRATIONS;
import static io.workerplatform.db.Tables.SAP_SYNC_RUNS;

import io.workerplatform.common.Organizations;
import io.workerplatform.common.Page;
import io.workerplatform.common.SecretBox;
import io.workerplatform.db.tables.records.SapIntegrationsRecord;
import io.workerplatform.db.tables.records.SapSyncRunsRecord;
import io.workerplatform.sap.SapClient.Connection;
import io.workerplatform.sap.SapClient.Watermark;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/** Each organization's SAP connection and watermark, and its sync runs. */
public class SapStore {
  public static final String RUNNING = "RUNNING";
  public static final String COMPLETED = "COMPLETED";
  public static final String FAILED = "FAILED";

  /** The settings as the API shows them: never the password. */
  public record Integration(
      String baseUrl, String username, int pollingIntervalMinutes, boolean enabled, Watermark watermark,
      Instant lastStartedAt, Instant updatedAt) {}

  public record Run(
      String id, String status, Instant startedAt, Instant finishedAt, int created, int updated, int failed,
      String error) {}

  private final DSLContext dsl;
  private final SecretBox secrets;
  private final Clock clock;

  public SapStore(DSLContext dsl, SecretBox secrets, Clock clock) {
    this.dsl = dsl;
    this.secrets = secrets;
    this.clock = clock;
  }

  /**
   * Sets the organization's connection ({@code password} null: keeps the one set); the watermark
   * stays, so changing the interval or the password does not read everything again.
   *
   * @throws IllegalStateException when there is no password yet and none is given
   */
  public Integration put(String orgId, String baseUrl, String username, String password, int intervalMinutes,
      boolean enabled) {
    OffsetDateTime now = now();
    return Organizations.writingFor(orgId, () -> dsl.transactionResult(c -> {
      DSLContext t = c.dsl();
      Optional<SapIntegrationsRecord> before = t.selectFrom(SAP_INTEGRATIONS)
          .where(SAP_INTEGRATIONS.ORG_ID.eq(orgId)).forUpdate().fetchOptional();
      String sealed = password != null ? secrets.seal(password, orgId)
          : before.map(SapIntegrationsRecord::getPasswordSealed).orElseThrow(() -> new IllegalStateException("no password"));
      return t.insertInto(SAP_INTEGRATIONS)
          .set(SAP_INTEGRATIONS.ORG_ID, orgId)
          .set(SAP_INTEGRATIONS.BASE_URL, baseUrl)
          .set(SAP_INTEGRATIONS.USERNAME, username)
          .set(SAP_INTEGRATIONS.PASSWORD_SEALED, sealed)
          .set(SAP_INTEGRATIONS.POLLING_INTERVAL_MINUTES, intervalMinutes)
          .set(SAP_INTEGRATIONS.ENABLED, enabled)
          .set(SAP_INTEGRATIONS.CREATED_AT, now)
          .set(SAP_INTEGRATIONS.UPDATED_AT, now)
          .onConflict(SAP_INTEGRATIONS.ORG_ID)
          .doUpdate()
          .set(SAP_INTEGRATIONS.BASE_URL, baseUrl)
          .set(SAP_INTEGRATIONS.USERNAME, username)
          .set(SAP_INTEGRATIONS.PASSWORD_SEALED, sealed)
          .set(SAP_INTEGRATIONS.POLLING_INTERVAL_MINUTES, intervalMinutes)
          .set(SAP_INTEGRATIONS.ENABLED, enabled)
          .set(SAP_INTEGRATIONS.UPDATED_AT, now)
          .returning()
          .fetchSingle(SapStore::integration);
    }));
  }

  public Optional<Integration> find(String orgId) {
    return dsl.selectFrom(SAP_INTEGRATIONS).where(SAP_INTEGRATIONS.ORG_ID.eq(orgId)).fetchOptional(SapStore::integration);
  }

  /** The connection with its password in clear, to read partners; empty without an integration. */
  public Optional<Connection> connection(String orgId) {
    return dsl.selectFrom(SAP_INTEGRATIONS).where(SAP_INTEGRATIONS.ORG_ID.eq(orgId)).fetchOptional(r ->
        new Connection(URI.create(r.getBaseUrl()), r.getUsername(), secrets.open(r.getPasswordSealed(), orgId)));
  }

  /** The enabled organizations whose interval has elapsed since their last sync started. */
  public List<String> due(Instant now) {
    OffsetDateTime at = now.atOffset(ZoneOffset.UTC);
    return dsl.select(SAP_INTEGRATIONS.ORG_ID).from(SAP_INTEGRATIONS)
        .where(SAP_INTEGRATIONS.ENABLED)
        .and(SAP_INTEGRATIONS.LAST_STARTED_AT.isNull().or(SAP_INTEGRATIONS.LAST_STARTED_AT.le(
            DSL.field("{0} - make_interval(mins => {1})", OffsetDateTime.class, DSL.val(at),
                SAP_INTEGRATIONS.POLLING_INTERVAL_MINUTES))))
        .orderBy(SAP_INTEGRATIONS.ORG_ID)
        .fetch(SAP_INTEGRATIONS.ORG_ID);
  }

  public void started(String orgId, Instant at) {
    dsl.update(SAP_INTEGRATIONS).set(SAP_INTEGRATIONS.LAST_STARTED_AT, at.atOffset(ZoneOffset.UTC))
        .where(SAP_INTEGRATIONS.ORG_ID.eq(orgId)).execute();
  }

  /** Advances the watermark in the transaction {@code t} that wrote the changes up to it. */
  static void advance(DSLContext t, String orgId, Watermark watermark) {
    t.update(SAP_INTEGRATIONS)
        .set(SAP_INTEGRATIONS.WATERMARK_DATE, watermark.date())
        .set(SAP_INTEGRATIONS.WATERMARK_TIME, watermark.time())
        .set(SAP_INTEGRATIONS.WATERMARK_PARTNER, watermark.partner())
        .where(SAP_INTEGRATIONS.ORG_ID.eq(orgId))
        .execute();
  }

  /** Records a sync run under the id its workflow gives it; a retry finds it. */
  public void startRun(String orgId, String runId) {
    dsl.insertInto(SAP_SYNC_RUNS)
        .set(SAP_SYNC_RUNS.ID, runId)
        .set(SAP_SYNC_RUNS.ORG_ID, orgId)
        .set(SAP_SYNC_RUNS.STATUS, RUNNING)
        .set(SAP_SYNC_RUNS.STARTED_AT, now())
        .onConflictDoNothing()
        .execute();
  }

  /** Adds a page's counts to its run, in the page's transaction {@code t}. */
  static void count(DSLContext t, String runId, int created, int updated, int failed) {
    t.update(SAP_SYNC_RUNS)
        .set(SAP_SYNC_RUNS.CREATED, SAP_SYNC_RUNS.CREATED.plus(created))
        .set(SAP_SYNC_RUNS.UPDATED, SAP_SYNC_RUNS.UPDATED.plus(updated))
        .set(SAP_SYNC_RUNS.FAILED, SAP_SYNC_RUNS.FAILED.plus(failed))
        .where(SAP_SYNC_RUNS.ID.eq(runId))
        .execute();
  }

  /** Ends a running run; returns it as stored. */
  public Run finishRun(String runId, String status, String error) {
    dsl.update(SAP_SYNC_RUNS)
        .set(SAP_SYNC_RUNS.STATUS, status)
        .set(SAP_SYNC_RUNS.ERROR, error)
        .set(SAP_SYNC_RUNS.FINISHED_AT, now())
        .where(SAP_SYNC_RUNS.ID.eq(runId)).and(SAP_SYNC_RUNS.STATUS.eq(RUNNING))
        .execute();
    return dsl.selectFrom(SAP_SYNC_RUNS).where(SAP_SYNC_RUNS.ID.eq(runId)).fetchSingle(SapStore::run);
  }

  /** The organization's sync runs, newest first. */
  public Page<Run> runs(String orgId, int limit, Optional<Page.After> after) {
    var rows = dsl.selectFrom(SAP_SYNC_RUNS)
        .where(SAP_SYNC_RUNS.ORG_ID.eq(orgId))
        .and(after.map(a -> DSL.row(SAP_SYNC_RUNS.STARTED_AT, SAP_SYNC_RUNS.ID).lt(a.createdAt(), a.id()))
            .orElse(DSL.noCondition()))
        .orderBy(SAP_SYNC_RUNS.STARTED_AT.desc(), SAP_SYNC_RUNS.ID.desc())
        .limit(limit + 1)
        .fetch();
    return Page.of(rows, limit, SapSyncRunsRecord::getStartedAt, SapSyncRunsRecord::getId, SapStore::run);
  }

  private static Integration integration(SapIntegrationsRecord r) {
    Watermark watermark = r.getWatermarkDate() == null ? null
        : new Watermark(r.getWatermarkDate(), r.getWatermarkTime(), r.getWatermarkPartner());
    return new Integration(r.getBaseUrl(), r.getUsername(), r.getPollingIntervalMinutes(), r.getEnabled(), watermark,
        r.getLastStartedAt() == null ? null : r.getLastStartedAt().toInstant(), r.getUpdatedAt().toInstant());
  }

  private static Run run(SapSyncRunsRecord r) {
    return new Run(r.getId(), r.getStatus(), r.getStartedAt().toInstant(),
        r.getFinishedAt() == null ? null : r.getFinishedAt().toInstant(), r.getCreated(), r.getUpdated(), r.getFailed(),
        r.getError());
  }

  private OffsetDateTime now() {
    return OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
  }
}
