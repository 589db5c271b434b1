package io.workerplatform.screening;

import static io.workerplatform.db.Tables.PROFILE_SCREENINGS;
import static io.workerplatform.db.Tables.SCREENINGS;
import static io.workerplatform.db.Tables.SCREENING_TARGETS;

import io.workerplatform.common.Ids;
import io.workerplatform.common.Organizations;
import io.workerplatform.db.tables.records.ScreeningsRecord;
import io.workerplatform.outbox.OutboxTable;
import io.workerplatform.profiles.ProfileStore;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.Record1;
import org.jooq.Select;
import org.jooq.impl.DSL;

/**
 * Screenings: what each screens (its targets, one row per profile, fixed when it is created) and
 * how far it got. A target's result is written once ({@link ScreeningResults#record}); the
 * screening's counters are the targets' results.
 */
public class ScreeningStore {
  public static final String QUEUED = "QUEUED";
  public static final String PENDING = "PENDING";
  public static final String CLEAR = "CLEAR";
  public static final String POTENTIAL_MATCH = "POTENTIAL_MATCH";
  public static final String FAILED = "FAILED";

  /**
   * Started after the commit by the API; the relay starts one left unstarted, and the sweeper
   * starts again one not finished whose workflow no longer runs.
   */
  public static final OutboxTable OUTBOX = OutboxTable.of(
          SCREENINGS, SCREENINGS.ID, SCREENINGS.ORG_ID, SCREENINGS.CREATED_AT, SCREENINGS.WORKFLOW_STARTED_AT)
      // not finished: a new run of one whose workflow was terminated screens what is still pending
      .sweeping(SCREENINGS.FINISHED_AT.isNull());

  /** A search the API asked for. */
  public static final String SEARCH = "SEARCH";
  /** The nightly rescreen of profiles under adverse-media monitoring. */
  public static final String ADVERSE_MEDIA = "ADVERSE_MEDIA";

  public record Screening(
      String id, String orgId, String kind, List<String> types, String status, int total, int screened, int withHits, int failed,
      String failureReason, Instant createdAt, Instant finishedAt) {

    public boolean isFinished() {
      return !QUEUED.equals(status) && !"RUNNING".equals(status);
    }
  }

  private final DSLContext dsl;
  private final Clock clock;

  public ScreeningStore(DSLContext dsl, Clock clock) {
    this.dsl = dsl;
    this.clock = clock;
  }

  /**
   * Stores a screening of the organization's live profiles among {@code profileIds} (null: all
   * of them), its targets in the same statement's transaction.
   */
  public Screening create(String orgId, List<String> types, List<String> profileIds) {
    return create(orgId, SEARCH, types, ProfileStore.liveIds(orgId, profileIds));
  }

  /** Stores the nightly adverse-media rescreen of the organization's live profiles under adverse-media monitoring. */
  public Screening createAdverseMedia(String orgId) {
    var live = ProfileStore.liveIds(orgId, null).asTable("live");
    var monitored = DSL.select(live.field(0, String.class)).from(live)
        .where(live.field(0, String.class).in(DSL.select(PROFILE_SCREENINGS.PROFILE_ID).from(PROFILE_SCREENINGS)
            .where(PROFILE_SCREENINGS.ORG_ID.eq(orgId)).and(PROFILE_SCREENINGS.ADVERSE_MEDIA_MONITORED)));
    return create(orgId, ADVERSE_MEDIA, List.of("adverse-media"), monitored);
  }

  private Screening create(String orgId, String kind, List<String> types, Select<Record1<String>> targets) {
    OffsetDateTime now = now();
    String id = Ids.newId("scr");
    return Organizations.writingFor(orgId, () -> dsl.transactionResult(c -> {
      DSLContext t = c.dsl();
      t.insertInto(SCREENINGS)
          .set(SCREENINGS.ID, id)
          .set(SCREENINGS.ORG_ID, orgId)
          .set(SCREENINGS.KIND, kind)
          .set(SCREENINGS.TYPES, types.toArray(String[]::new))
          .set(SCREENINGS.STATUS, QUEUED)
          .set(SCREENINGS.TOTAL, 0)
          .set(SCREENINGS.CREATED_AT, now)
          .execute();
      var profiles = targets.asTable("p");
      int total = t.insertInto(SCREENING_TARGETS, SCREENING_TARGETS.SCREENING_ID, SCREENING_TARGETS.PROFILE_ID,
              SCREENING_TARGETS.ORG_ID)
          .select(DSL.select(DSL.val(id), profiles.field(0, String.class), DSL.val(orgId)).from(profiles))
          .execute();
      return t.update(SCREENINGS).set(SCREENINGS.TOTAL, total).where(SCREENINGS.ID.eq(id))
          .returning().fetchSingle(ScreeningStore::screening);
    }));
  }

  public Optional<Screening> find(String orgId, String id) {
    return dsl.selectFrom(SCREENINGS).where(SCREENINGS.ORG_ID.eq(orgId)).and(SCREENINGS.ID.eq(id))
        .fetchOptional(ScreeningStore::screening);
  }

  /** The screening, whatever its organization (the workflow knows only its id). */
  public Optional<Screening> byId(String id) {
    return dsl.selectFrom(SCREENINGS).where(SCREENINGS.ID.eq(id)).fetchOptional(ScreeningStore::screening);
  }

  /** Marks a queued screening running (a retry finds it running). */
  public void markRunning(String id) {
    dsl.update(SCREENINGS).set(SCREENINGS.STATUS, "RUNNING")
        .where(SCREENINGS.ID.eq(id)).and(SCREENINGS.STATUS.eq(QUEUED)).execute();
  }

  /** Up to {@code limit} of the screening's profiles not screened yet, in profile order. */
  public List<String> pending(String screeningId, int limit) {
    return dsl.select(SCREENING_TARGETS.PROFILE_ID)
        .from(SCREENING_TARGETS)
        .where(SCREENING_TARGETS.SCREENING_ID.eq(screeningId))
        .and(SCREENING_TARGETS.STATUS.eq(PENDING))
        .orderBy(SCREENING_TARGETS.PROFILE_ID)
        .limit(limit)
        .fetch(SCREENING_TARGETS.PROFILE_ID);
  }

  /** The counters as the targets' results have them. */
  public Counts counts(String screeningId) {
    var screened = DSL.count().filterWhere(SCREENING_TARGETS.STATUS.ne(PENDING));
    var withHits = DSL.count().filterWhere(SCREENING_TARGETS.STATUS.eq(POTENTIAL_MATCH));
    var failed = DSL.count().filterWhere(SCREENING_TARGETS.STATUS.eq(FAILED));
    return dsl.select(screened, withHits, failed).from(SCREENING_TARGETS)
        .where(SCREENING_TARGETS.SCREENING_ID.eq(screeningId))
        .fetchSingle(r -> new Counts(r.value1(), r.value2(), r.value3()));
  }

  public record Counts(int screened, int withHits, int failed) {}

  /**
   * Records the final status with the counters; a screening ended already keeps its end. Ends
   * one not started too (cancelled before its workflow ran).
   */
  public Counts finish(String id, String status, String reason) {
    Counts counts = counts(id);
    dsl.update(SCREENINGS)
        .set(SCREENINGS.STATUS, status)
        .set(SCREENINGS.FAILURE_REASON, reason)
        .set(SCREENINGS.SCREENED, counts.screened())
        .set(SCREENINGS.WITH_HITS, counts.withHits())
        .set(SCREENINGS.FAILED, counts.failed())
        .set(SCREENINGS.FINISHED_AT, now())
        // one that ended without its workflow (nothing to screen) is nothing for the relay to start
        .set(SCREENINGS.WORKFLOW_STARTED_AT, DSL.coalesce(SCREENINGS.WORKFLOW_STARTED_AT, DSL.val(now())))
        .where(SCREENINGS.ID.eq(id))
        .and(SCREENINGS.STATUS.in(QUEUED, "RUNNING"))
        .execute();
    return counts;
  }

  /** Cancels a screening whose workflow never started, in its row (the relay then skips it); false otherwise. */
  public boolean cancelUnstarted(String orgId, String id) {
    return dsl.update(SCREENINGS)
            .set(SCREENINGS.STATUS, "CANCELLED")
            .set(SCREENINGS.FINISHED_AT, now())
            .set(SCREENINGS.WORKFLOW_STARTED_AT, now())
            .where(SCREENINGS.ORG_ID.eq(orgId))
            .and(SCREENINGS.ID.eq(id))
            .and(SCREENINGS.STATUS.eq(QUEUED))
            .and(SCREENINGS.WORKFLOW_STARTED_AT.isNull())
            .execute()
        == 1;
  }

  static Screening screening(ScreeningsRecord r) {
    return new Screening(r.getId(), r.getOrgId(), r.getKind(), List.of(r.getTypes()), r.getStatus(), r.getTotal(), r.getScreened(),
        r.getWithHits(), r.getFailed(), r.getFailureReason(), r.getCreatedAt().toInstant(),
        r.getFinishedAt() == null ? null : r.getFinishedAt().toInstant());
  }

  private OffsetDateTime now() {
    return OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
  }
}
