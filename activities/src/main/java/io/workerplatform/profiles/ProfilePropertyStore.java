package io.workerplatform.profiles;

import static io.workerplatform.db.Tables.PROFILES;
import static io.workerplatform.db.Tables.PROFILE_PROPERTIES;

import io.workerplatform.common.ConflictException;
import io.workerplatform.common.Ids;
import io.workerplatform.common.NotFoundException;
import io.workerplatform.db.tables.records.ProfilePropertiesRecord;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.jooq.DSLContext;

/**
 * A profile's properties that expire: documents and certifications ({@code kind}), each with a
 * name and an expiry date. The cron job {@code expiring-properties} tells the organization about
 * them ({@link ExpiringProfileProperties}).
 */
public class ProfilePropertyStore {
  public static final List<String> KINDS = List.of("DOCUMENT", "CERTIFICATION");
  /** A profile holds a handful; this many is a client gone wrong. */
  public static final int MAX_PER_PROFILE = 100;

  public record Property(String id, String profileId, String kind, String name, LocalDate expiresAt, Instant createdAt) {}

  private final DSLContext dsl;
  private final Clock clock;

  public ProfilePropertyStore(DSLContext dsl, Clock clock) {
    this.dsl = dsl;
    this.clock = clock;
  }

  /**
   * Adds a property to the live profile, which it locks, so a concurrent delete cannot leave a
   * property on a deleted profile unnoticed and concurrent adds cannot pass the limit.
   *
   * @throws NotFoundException for a profile the organization does not have (or deleted)
   * @throws ConflictException when the profile has {@link #MAX_PER_PROFILE} properties
   */
  public Property add(String orgId, String profileId, String kind, String name, LocalDate expiresAt) {
    return dsl.transactionResult(c -> {
      DSLContext t = c.dsl();
      requireProfile(t, orgId, profileId, true);
      if (t.fetchCount(PROFILE_PROPERTIES, PROFILE_PROPERTIES.PROFILE_ID.eq(profileId)) >= MAX_PER_PROFILE) {
        throw new ConflictException("profileId", "profile " + profileId + " has " + MAX_PER_PROFILE + " properties already");
      }
      return t.insertInto(PROFILE_PROPERTIES)
          .set(PROFILE_PROPERTIES.ID, Ids.newId("ppr"))
          .set(PROFILE_PROPERTIES.ORG_ID, orgId)
          .set(PROFILE_PROPERTIES.PROFILE_ID, profileId)
          .set(PROFILE_PROPERTIES.KIND, kind)
          .set(PROFILE_PROPERTIES.NAME, name)
          .set(PROFILE_PROPERTIES.EXPIRES_AT, expiresAt)
          .set(PROFILE_PROPERTIES.CREATED_AT, OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC))
          .returning()
          .fetchSingle(ProfilePropertyStore::property);
    });
  }

  /**
   * The profile's properties, soonest expiry first.
   *
   * @throws NotFoundException for a profile the organization does not have (or deleted)
   */
  public List<Property> list(String orgId, String profileId) {
    requireProfile(dsl, orgId, profileId, false);
    return dsl.selectFrom(PROFILE_PROPERTIES)
        .where(PROFILE_PROPERTIES.PROFILE_ID.eq(profileId))
        .and(PROFILE_PROPERTIES.ORG_ID.eq(orgId))
        .orderBy(PROFILE_PROPERTIES.EXPIRES_AT, PROFILE_PROPERTIES.ID)
        .fetch(ProfilePropertyStore::property);
  }

  /** Deletes the property of the organization's live profile; false when there is none. */
  public boolean delete(String orgId, String profileId, String id) {
    return dsl.deleteFrom(PROFILE_PROPERTIES)
            .where(PROFILE_PROPERTIES.ID.eq(id))
            .and(PROFILE_PROPERTIES.PROFILE_ID.eq(profileId))
            .and(PROFILE_PROPERTIES.ORG_ID.eq(orgId))
            .and(ProfileStore.isLive(PROFILE_PROPERTIES.PROFILE_ID))
            .execute()
        == 1;
  }

  /** @throws NotFoundException for a profile the organization does not have (or deleted) */
  public void requireProfile(String orgId, String profileId) {
    requireProfile(dsl, orgId, profileId, false);
  }

  private static void requireProfile(DSLContext dsl, String orgId, String profileId, boolean lock) {
    var select = dsl.select(PROFILES.ID).from(PROFILES)
        .where(PROFILES.ID.eq(profileId)).and(PROFILES.ORG_ID.eq(orgId)).and(PROFILES.DELETED_AT.isNull());
    if ((lock ? select.forUpdate().fetchOptional() : select.fetchOptional()).isEmpty()) {
      throw new NotFoundException("profile", profileId);
    }
  }

  private static Property property(ProfilePropertiesRecord r) {
    return new Property(r.getId(), r.getProfileId(), r.getKind(), r.getName(), r.getExpiresAt(), r.getCreatedAt().toInstant());
  }
}
