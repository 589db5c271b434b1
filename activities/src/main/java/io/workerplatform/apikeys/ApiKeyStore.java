package io.workerplatform.apikeys;

import static io.workerplatform.db.Tables.API_KEYS;
import static io.workerplatform.db.Tables.API_RATE_LIMITS;

import io.workerplatform.common.Hashes;
import io.workerplatform.common.Ids;
import io.workerplatform.common.Organizations;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/**
 * Organization API keys: created with a random secret that is returned once, stored as its
 * SHA-256, found by that hash on every request (through the host's cache), revoked by a mark.
 */
public final class ApiKeyStore {
  /** Keys carry a recognizable prefix, so that secret scanners and people can tell what leaked. */
  public static final String KEY_PREFIX = "wpk_";

  private static final SecureRandom RANDOM = new SecureRandom();

  public record Created(String id, String key) {}

  public record ApiKey(String id, String name, OffsetDateTime createdAt, OffsetDateTime lastUsedAt) {}

  /** Who a valid key belongs to, and the rate its organization was given (null: the default). */
  public record Owner(String keyId, String orgId, Rate rate) {}

  /** Requests a key may make per second on average, and at once. */
  public record Rate(int requestsPerSecond, int burst) {}

  private final DSLContext dsl;
  private final Clock clock;

  public ApiKeyStore(DSLContext dsl, Clock clock) {
    this.dsl = dsl;
    this.clock = clock;
  }

  /** A new key of organization {@code orgId}; 404 ({@code NotFoundException}) for an unknown one. */
  public Created create(String orgId, String name) {
    byte[] secret = new byte[32];
    RANDOM.nextBytes(secret);
    String key = KEY_PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    String id = Ids.newId("key");
    Organizations.writingFor(
        orgId,
        () ->
            dsl.insertInto(API_KEYS)
                .set(API_KEYS.ID, id)
                .set(API_KEYS.ORG_ID, orgId)
                .set(API_KEYS.NAME, name)
                .set(API_KEYS.KEY_SHA256, sha256(key))
                .set(API_KEYS.CREATED_AT, now())
                .execute());
    return new Created(id, key);
  }

  /** The organization's keys that are not revoked, newest first. */
  public List<ApiKey> list(String orgId) {
    return dsl.select(API_KEYS.ID, API_KEYS.NAME, API_KEYS.CREATED_AT, API_KEYS.LAST_USED_AT)
        .from(API_KEYS)
        .where(API_KEYS.ORG_ID.eq(orgId).and(API_KEYS.REVOKED_AT.isNull()))
        .orderBy(API_KEYS.CREATED_AT.desc(), API_KEYS.ID.desc())
        .fetch(r -> new ApiKey(r.value1(), r.value2(), r.value3(), r.value4()));
  }

  /** PostgreSQL channel on which revocations are announced to every host (payload: the key id). */
  public static final String REVOKED_CHANNEL = "worker_platform_api_key_revoked";

  /**
   * Marks the key revoked and announces it on {@link #REVOKED_CHANNEL} in the same transaction
   * (PostgreSQL delivers the notification on commit), so every host forgets it at once; false when
   * the organization has no such key that is still valid.
   */
  public boolean revoke(String orgId, String keyId) {
    return dsl.transactionResult(tx -> {
      boolean revoked = tx.dsl().update(API_KEYS)
              .set(API_KEYS.REVOKED_AT, now())
              .where(API_KEYS.ID.eq(keyId))
              .and(API_KEYS.ORG_ID.eq(orgId))
              .and(API_KEYS.REVOKED_AT.isNull())
              .execute()
          == 1;
      if (revoked) {
        tx.dsl().select(DSL.function("pg_notify", Object.class, DSL.val(REVOKED_CHANNEL), DSL.val(keyId))).fetch();
      }
      return revoked;
    });
  }

  /** The owner of a key given in clear, if it is valid (known and not revoked). */
  public Optional<Owner> findValid(String key) {
    return dsl.select(API_KEYS.ID, API_KEYS.ORG_ID, API_RATE_LIMITS.REQUESTS_PER_SECOND, API_RATE_LIMITS.BURST)
        .from(API_KEYS)
        .leftJoin(API_RATE_LIMITS).on(API_RATE_LIMITS.ORG_ID.eq(API_KEYS.ORG_ID))
        .where(API_KEYS.KEY_SHA256.eq(sha256(key)).and(API_KEYS.REVOKED_AT.isNull()))
        .fetchOptional(r -> new Owner(r.value1(), r.value2(), r.value3() == null ? null : new Rate(r.value3(), r.value4())));
  }

  /** The rate the operator gave the organization, if any. */
  public Optional<Rate> rate(String orgId) {
    return dsl.select(API_RATE_LIMITS.REQUESTS_PER_SECOND, API_RATE_LIMITS.BURST)
        .from(API_RATE_LIMITS)
        .where(API_RATE_LIMITS.ORG_ID.eq(orgId))
        .fetchOptional(r -> new Rate(r.value1(), r.value2()));
  }

  /** Gives the organization its own rate, or (null) the default back. */
  public void putRate(String orgId, Rate rate) {
    if (rate == null) {
      dsl.deleteFrom(API_RATE_LIMITS).where(API_RATE_LIMITS.ORG_ID.eq(orgId)).execute();
      return;
    }
    Organizations.writingFor(
        orgId,
        () ->
            dsl.insertInto(API_RATE_LIMITS)
                .set(API_RATE_LIMITS.ORG_ID, orgId)
                .set(API_RATE_LIMITS.REQUESTS_PER_SECOND, rate.requestsPerSecond())
                .set(API_RATE_LIMITS.BURST, rate.burst())
                .set(API_RATE_LIMITS.UPDATED_AT, now())
                .onConflict(API_RATE_LIMITS.ORG_ID)
                .doUpdate()
                .set(API_RATE_LIMITS.REQUESTS_PER_SECOND, rate.requestsPerSecond())
                .set(API_RATE_LIMITS.BURST, rate.burst())
                .set(API_RATE_LIMITS.UPDATED_AT, now())
                .execute());
  }

  /** Whether the key with this id exists and is not revoked. */
  public boolean isValid(String keyId) {
    return dsl.fetchExists(API_KEYS, API_KEYS.ID.eq(keyId).and(API_KEYS.REVOKED_AT.isNull()));
  }

  /**
   * Records that the key was used, unless that was recorded less than {@code resolution} ago
   * (by this process or another one): one write per key and resolution, not one per request.
   */
  public void markUsed(String keyId, Duration resolution) {
    OffsetDateTime now = now();
    dsl.update(API_KEYS)
        .set(API_KEYS.LAST_USED_AT, now)
        .where(API_KEYS.ID.eq(keyId))
        .and(API_KEYS.LAST_USED_AT.isNull().or(API_KEYS.LAST_USED_AT.le(now.minus(resolution))))
        .execute();
  }

  public static byte[] sha256(String value) {
    return Hashes.sha256(value.getBytes(StandardCharsets.UTF_8));
  }

  private OffsetDateTime now() {
    return OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
  }
}
