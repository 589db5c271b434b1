package io.workerplatform.idempotency;

import static io.workerplatform.db.Tables.IDEMPOTENCY_KEYS;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/**
 * The API's {@code Idempotency-Key}s, per organization: who holds a key while its request runs,
 * and the answer it got, kept until the key's time to live has passed.
 */
public final class IdempotencyStore {
  /** What a request with a key may do. */
  public sealed interface Claim {}

  /** The key is this request's: run it, then {@link #complete} or {@link #release} the key. */
  public record Claimed() implements Claim {}

  /** The key's first request is still running. */
  public record Running() implements Claim {}

  /** The key was used for another request (another route or body). */
  public record Mismatch() implements Claim {}

  /** The key's first answer, to be given again. */
  public record Replay(int status, String contentType, String location, byte[] body) implements Claim {}

  private final DSLContext dsl;
  private final Clock clock;

  public IdempotencyStore(DSLContext dsl, Clock clock) {
    this.dsl = dsl;
    this.clock = clock;
  }

  /**
   * Claims {@code key} for a request whose route and body hash to {@code request}. An expired key
   * is claimed afresh; a running one whose {@code lease} ran out (its process died) is taken over
   * by the same request.
   */
  public Claim claim(String orgId, String key, byte[] request, Duration ttl, Duration lease) {
    OffsetDateTime now = now();
    // Three tries: a row can be deleted (released, cleaned up) between the statements below.
    for (int attempt = 0; attempt < 3; attempt++) {
      int inserted =
          dsl.insertInto(IDEMPOTENCY_KEYS)
              .set(IDEMPOTENCY_KEYS.ORG_ID, orgId)
              .set(IDEMPOTENCY_KEYS.KEY, key)
              .set(IDEMPOTENCY_KEYS.REQUEST_SHA256, request)
              .set(IDEMPOTENCY_KEYS.CREATED_AT, now)
              .set(IDEMPOTENCY_KEYS.LOCKED_UNTIL, now.plus(lease))
              .onConflictDoNothing()
              .execute();
      if (inserted == 1) {
        return new Claimed();
      }
      int taken =
          dsl.update(IDEMPOTENCY_KEYS)
              .set(IDEMPOTENCY_KEYS.REQUEST_SHA256, request)
              .set(IDEMPOTENCY_KEYS.CREATED_AT, now)
              .set(IDEMPOTENCY_KEYS.LOCKED_UNTIL, now.plus(lease))
              .setNull(IDEMPOTENCY_KEYS.STATUS)
              .setNull(IDEMPOTENCY_KEYS.CONTENT_TYPE)
              .setNull(IDEMPOTENCY_KEYS.LOCATION)
              .setNull(IDEMPOTENCY_KEYS.BODY)
              .where(IDEMPOTENCY_KEYS.ORG_ID.eq(orgId).and(IDEMPOTENCY_KEYS.KEY.eq(key)))
              .and(
                  IDEMPOTENCY_KEYS.CREATED_AT.lt(now.minus(ttl))
                      .or(
                          IDEMPOTENCY_KEYS.STATUS.isNull()
                              .and(IDEMPOTENCY_KEYS.LOCKED_UNTIL.lt(now))
                              .and(IDEMPOTENCY_KEYS.REQUEST_SHA256.eq(request))))
              .execute();
      if (taken == 1) {
        return new Claimed();
      }
      var row =
          dsl.select(
                  IDEMPOTENCY_KEYS.REQUEST_SHA256, IDEMPOTENCY_KEYS.STATUS, IDEMPOTENCY_KEYS.CONTENT_TYPE,
                  IDEMPOTENCY_KEYS.LOCATION, IDEMPOTENCY_KEYS.BODY)
              .from(IDEMPOTENCY_KEYS)
              .where(IDEMPOTENCY_KEYS.ORG_ID.eq(orgId).and(IDEMPOTENCY_KEYS.KEY.eq(key)))
              .fetchOne();
      if (row == null) {
        continue;
      }
      if (!Arrays.equals(row.value1(), request)) {
        return new Mismatch();
      }
      if (row.value2() == null) {
        return new Running();
      }
      return new Replay(row.value2(), row.value3(), row.value4(), row.value5() == null ? new byte[0] : row.value5());
    }
    return new Running();
  }

  /** Keeps the answer of the request that holds the key. */
  public void complete(String orgId, String key, int status, String contentType, String location, byte[] body) {
    dsl.update(IDEMPOTENCY_KEYS)
        .set(IDEMPOTENCY_KEYS.STATUS, status)
        .set(IDEMPOTENCY_KEYS.CONTENT_TYPE, contentType)
        .set(IDEMPOTENCY_KEYS.LOCATION, location)
        .set(IDEMPOTENCY_KEYS.BODY, body)
        .setNull(IDEMPOTENCY_KEYS.LOCKED_UNTIL)
        .where(IDEMPOTENCY_KEYS.ORG_ID.eq(orgId).and(IDEMPOTENCY_KEYS.KEY.eq(key)))
        .and(IDEMPOTENCY_KEYS.STATUS.isNull())
        .execute();
  }

  /** Frees the key of a request that did not get an answer worth keeping (a 5xx): a retry runs again. */
  public void release(String orgId, String key) {
    dsl.deleteFrom(IDEMPOTENCY_KEYS)
        .where(IDEMPOTENCY_KEYS.ORG_ID.eq(orgId).and(IDEMPOTENCY_KEYS.KEY.eq(key)))
        .and(IDEMPOTENCY_KEYS.STATUS.isNull())
        .execute();
  }

  /** Deletes up to {@code limit} keys created before {@code cutoff}; returns how many. */
  public int deleteCreatedBefore(OffsetDateTime cutoff, int limit) {
    return dsl.deleteFrom(IDEMPOTENCY_KEYS)
        .where(
            DSL.row(IDEMPOTENCY_KEYS.ORG_ID, IDEMPOTENCY_KEYS.KEY)
                .in(
                    DSL.select(IDEMPOTENCY_KEYS.ORG_ID, IDEMPOTENCY_KEYS.KEY)
                        .from(IDEMPOTENCY_KEYS)
                        .where(IDEMPOTENCY_KEYS.CREATED_AT.lt(cutoff))
                        .limit(limit)))
        .execute();
  }

  private OffsetDateTime now() {
    return OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
  }
}
