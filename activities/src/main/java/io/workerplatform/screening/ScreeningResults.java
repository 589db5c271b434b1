package io.workerplatform.screening;

import static io.workerplatform.db.Tables.PROFILE_SCREENINGS;
import static io.workerplatform.db.Tables.SCREENING_HITS;
import static io.workerplatform.db.Tables.SCREENING_TARGETS;

import io.workerplatform.audit.AuditLog;
import io.workerplatform.screening.ScreeningProvider.Hit;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/**
 * Each profile's screening result and its hits, kept by the provider's ids: a rescreen that
 * finds a hit again updates it (its disposition stays), one no longer found is marked removed. A
 * profile is a {@code POTENTIAL_MATCH} while a hit that is not removed has not been marked a
 * false positive.
 */
public class ScreeningResults {
  public static final String FALSE_POSITIVE = "FALSE_POSITIVE";
  public static final String TRUE_MATCH = "TRUE_MATCH";
  public static final List<String> DISPOSITIONS = List.of(FALSE_POSITIVE, TRUE_MATCH);

  /** A profile's latest result. */
  public record Result(
      String profileId, String status, int hitCount, List<String> matchTypes, String searchId, String screeningId,
      Instant screenedAt) {}

  /** A hit as the API shows it. */
  public record HitView(
      String id, String name, List<String> matchTypes, String disposition, String disposedBy, Instant disposedAt,
      Instant firstSeenAt, Instant removedAt) {}

  private final DSLContext dsl;
  private final Clock clock;

  public ScreeningResults(DSLContext dsl, Clock clock) {
    this.dsl = dsl;
    this.clock = clock;
  }

  /**
   * Writes the profile's search and its hits, and marks the screening's target (when {@code
   * screeningId} is given) with the result, in one transaction: a target written already is left
   * as it is, so a retried batch never counts a profile twice.
   */
  public Result record(String orgId, String profileId, String screeningId, ScreeningProvider.Search search) {
    OffsetDateTime now = now();
    return dsl.transactionResult(c -> {
      DSLContext t = c.dsl();
      for (Hit hit : search.hits()) {
        t.insertInto(SCREENING_HITS)
            .set(SCREENING_HITS.PROFILE_ID, profileId)
            .set(SCREENING_HITS.HIT_ID, hit.id())
            .set(SCREENING_HITS.ORG_ID, orgId)
            .set(SCREENING_HITS.SEARCH_ID, search.id())
            .set(SCREENING_HITS.NAME, hit.name())
            .set(SCREENING_HITS.MATCH_TYPES, hit.matchTypes().toArray(String[]::new))
            .set(SCREENING_HITS.FIRST_SEEN_AT, now)
            .set(SCREENING_HITS.LAST_SEEN_AT, now)
            .onConflict(SCREENING_HITS.PROFILE_ID, SCREENING_HITS.HIT_ID)
            .doUpdate()
            .set(SCREENING_HITS.SEARCH_ID, search.id())
            .set(SCREENING_HITS.NAME, hit.name())
            .set(SCREENING_HITS.MATCH_TYPES, hit.matchTypes().toArray(String[]::new))
            .set(SCREENING_HITS.LAST_SEEN_AT, now)
            .setNull(SCREENING_HITS.REMOVED_AT)
            .execute();
      }
      t.update(SCREENING_HITS)
          .set(SCREENING_HITS.REMOVED_AT, now)
          .where(SCREENING_HITS.PROFILE_ID.eq(profileId))
          .and(SCREENING_HITS.REMOVED_AT.isNull())
          .and(SCREENING_HITS.HIT_ID.notIn(search.hits().stream().map(Hit::id).toList()))
          .execute();
      return write(t, orgId, profileId, screeningId, search.id(), now, now);
    });
  }

  /** Records that the profile could not be screened (the provider kept failing or refused it). */
  public void recordFailure(String orgId, String profileId, String screeningId) {
    OffsetDateTime now = now();
    dsl.transaction(c -> {
      DSLContext t = c.dsl();
      markTarget(t, screeningId, profileId, ScreeningStore.FAILED, null, 0, List.of(), now);
      t.insertInto(PROFILE_SCREENINGS)
          .set(PROFILE_SCREENINGS.PROFILE_ID, profileId)
          .set(PROFILE_SCREENINGS.ORG_ID, orgId)
          .set(PROFILE_SCREENINGS.SCREENING_ID, screeningId)
          .set(PROFILE_SCREENINGS.STATUS, ScreeningStore.FAILED)
          .set(PROFILE_SCREENINGS.HIT_COUNT, 0)
          .set(PROFILE_SCREENINGS.MATCH_TYPES, new String[0])
          .set(PROFILE_SCREENINGS.SCREENED_AT, now)
          .set(PROFILE_SCREENINGS.UPDATED_AT, now)
          .onConflict(PROFILE_SCREENINGS.PROFILE_ID)
          .doUpdate()
          .set(PROFILE_SCREENINGS.SCREENING_ID, screeningId)
          .set(PROFILE_SCREENINGS.STATUS, ScreeningStore.FAILED)
          .set(PROFILE_SCREENINGS.SCREENED_AT, now)
          .set(PROFILE_SCREENINGS.UPDATED_AT, now)
          .execute();
    });
  }

  /** The status, hit count and match types from the profile's current hits, written as its result. */
  private Result write(
      DSLContext t, String orgId, String profileId, String screeningId, String searchId, OffsetDateTime screenedAt,
      OffsetDateTime now) {
    var current = t.select(SCREENING_HITS.MATCH_TYPES)
        .from(SCREENING_HITS)
        .where(SCREENING_HITS.PROFILE_ID.eq(profileId))
        .and(SCREENING_HITS.REMOVED_AT.isNull())
        .and(SCREENING_HITS.DISPOSITION.isNull().or(SCREENING_HITS.DISPOSITION.ne(FALSE_POSITIVE)))
        .fetch(SCREENING_HITS.MATCH_TYPES);
    TreeSet<String> types = new TreeSet<>();
    current.forEach(a -> types.addAll(List.of(a)));
    String status = current.isEmpty() ? ScreeningStore.CLEAR : ScreeningStore.POTENTIAL_MATCH;
    List<String> matchTypes = List.copyOf(types);
    if (screeningId != null) {
      markTarget(t, screeningId, profileId, status, searchId, current.size(), matchTypes, screenedAt);
    }
    t.insertInto(PROFILE_SCREENINGS)
        .set(PROFILE_SCREENINGS.PROFILE_ID, profileId)
        .set(PROFILE_SCREENINGS.ORG_ID, orgId)
        .set(PROFILE_SCREENINGS.SCREENING_ID, screeningId)
        .set(PROFILE_SCREENINGS.SEARCH_ID, searchId)
        .set(PROFILE_SCREENINGS.STATUS, status)
        .set(PROFILE_SCREENINGS.HIT_COUNT, current.size())
        .set(PROFILE_SCREENINGS.MATCH_TYPES, matchTypes.toArray(String[]::new))
        .set(PROFILE_SCREENINGS.SCREENED_AT, screenedAt)
        .set(PROFILE_SCREENINGS.UPDATED_AT, now)
        .onConflict(PROFILE_SCREENINGS.PROFILE_ID)
        .doUpdate()
        .set(PROFILE_SCREENINGS.SCREENING_ID, DSL.coalesce(DSL.val(screeningId), PROFILE_SCREENINGS.SCREENING_ID))
        .set(PROFILE_SCREENINGS.SEARCH_ID, searchId)
        .set(PROFILE_SCREENINGS.STATUS, status)
        .set(PROFILE_SCREENINGS.HIT_COUNT, current.size())
        .set(PROFILE_SCREENINGS.MATCH_TYPES, matchTypes.toArray(String[]::new))
        .set(PROFILE_SCREENINGS.SCREENED_AT, screenedAt)
        .set(PROFILE_SCREENINGS.UPDATED_AT, now)
        .execute();
    return new Result(profileId, status, current.size(), matchTypes, searchId, screeningId, screenedAt.toInstant());
  }

  private static void markTarget(
      DSLContext t, String screeningId, String profileId, String status, String searchId, int hits,
      List<String> matchTypes, OffsetDateTime now) {
    t.update(SCREENING_TARGETS)
        .set(SCREENING_TARGETS.STATUS, status)
        .set(SCREENING_TARGETS.SEARCH_ID, searchId)
        .set(SCREENING_TARGETS.HIT_COUNT, hits)
        .set(SCREENING_TARGETS.MATCH_TYPES, matchTypes.toArray(String[]::new))
        .set(SCREENING_TARGETS.SCREENED_AT, now)
        .where(SCREENING_TARGETS.SCREENING_ID.eq(screeningId))
        .and(SCREENING_TARGETS.PROFILE_ID.eq(profileId))
        .and(SCREENING_TARGETS.STATUS.eq(ScreeningStore.PENDING))
        .execute();
  }

  /** The profile's latest result; empty before its first screening. */
  public Optional<Result> latest(String orgId, String profileId) {
    return dsl.selectFrom(PROFILE_SCREENINGS)
        .where(PROFILE_SCREENINGS.ORG_ID.eq(orgId)).and(PROFILE_SCREENINGS.PROFILE_ID.eq(profileId))
        .fetchOptional(r -> new Result(r.getProfileId(), r.getStatus(), r.getHitCount(), List.of(r.getMatchTypes()),
            r.getSearchId(), r.getScreeningId(), r.getScreenedAt().toInstant()));
  }

  /** The profile's hits, current ones first, by the provider's id. */
  public List<HitView> hits(String orgId, String profileId) {
    return dsl.selectFrom(SCREENING_HITS)
        .where(SCREENING_HITS.ORG_ID.eq(orgId)).and(SCREENING_HITS.PROFILE_ID.eq(profileId))
        .orderBy(SCREENING_HITS.REMOVED_AT.isNotNull(), SCREENING_HITS.HIT_ID)
        .fetch(r -> new HitView(r.getHitId(), r.getName(), List.of(r.getMatchTypes()), r.getDisposition(),
            r.getDisposedBy(), instant(r.getDisposedAt()), instant(r.getFirstSeenAt()), instant(r.getRemovedAt())));
  }

  /**
   * A compliance member's decision on a hit, audited (actor: the member; entity: the profile),
   * and the profile's status follows it. Empty when the organization's profile has no such hit.
   */
  public Optional<HitView> dispose(String orgId, String profileId, String hitId, String disposition, String memberId) {
    OffsetDateTime now = now();
    return dsl.transactionResult(c -> {
      DSLContext t = c.dsl();
      int changed = t.update(SCREENING_HITS)
          .set(SCREENING_HITS.DISPOSITION, disposition)
          .set(SCREENING_HITS.DISPOSED_BY, memberId)
          .set(SCREENING_HITS.DISPOSED_AT, now)
          .where(SCREENING_HITS.ORG_ID.eq(orgId))
          .and(SCREENING_HITS.PROFILE_ID.eq(profileId))
          .and(SCREENING_HITS.HIT_ID.eq(hitId))
          .execute();
      if (changed == 0) {
        return Optional.empty();
      }
      AuditLog.record(t, orgId, memberId, "hit." + disposition.toLowerCase().replace('_', '-'), "profile", profileId,
          Map.of("hits", 1L), now);
      // the profile's status follows (its screening time stays)
      var latest = t.select(PROFILE_SCREENINGS.SEARCH_ID, PROFILE_SCREENINGS.STATUS, PROFILE_SCREENINGS.SCREENED_AT)
          .from(PROFILE_SCREENINGS).where(PROFILE_SCREENINGS.PROFILE_ID.eq(profileId)).forUpdate().fetchOptional();
      if (latest.isPresent() && !ScreeningStore.FAILED.equals(latest.get().value2())) {
        write(t, orgId, profileId, null, latest.get().value1(), latest.get().value3(), now);
      }
      return t.selectFrom(SCREENING_HITS)
          .where(SCREENING_HITS.PROFILE_ID.eq(profileId)).and(SCREENING_HITS.HIT_ID.eq(hitId))
          .fetchOptional(r -> new HitView(r.getHitId(), r.getName(), List.of(r.getMatchTypes()), r.getDisposition(),
              r.getDisposedBy(), instant(r.getDisposedAt()), instant(r.getFirstSeenAt()), instant(r.getRemovedAt())));
    });
  }

  private static Instant instant(OffsetDateTime at) {
    return at == null ? null : at.toInstant();
  }

  private OffsetDateTime now() {
    return OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
  }
}
