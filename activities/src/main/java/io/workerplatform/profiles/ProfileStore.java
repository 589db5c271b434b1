package io.workerplatform.profiles;

import static io.workerplatform.db.Tables.PROFILES;

import io.workerplatform.common.ConflictException;
import io.workerplatform.common.Ids;
import io.workerplatform.common.Organizations;
import io.workerplatform.common.Page;
import io.workerplatform.db.tables.records.ProfilesRecord;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.Optional;
import java.util.function.Supplier;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record1;
import org.jooq.Select;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;

/**
 * An organization's KYC profiles: the people ({@code PERSON}) and companies ({@code COMPANY}) it
 * screens. A deleted profile is kept (soft deleted) until the anonymizer's retention removes it;
 * its external id is unique among the organization's live profiles.
 */
public class ProfileStore {
  public static final String PERSON = "PERSON";
  public static final String COMPANY = "COMPANY";
  public static final List<String> TYPES = List.of(PERSON, COMPANY);
  private static final String UNIQUE_VIOLATION = "23505";

  /** A profile's fields as given; {@code dateOfBirth} for a person, {@code registrationNumber} for a company. */
  public record Fields(
      String type, String name, String country, LocalDate dateOfBirth, String registrationNumber, String externalId) {}

  public record Profile(
      String id, String orgId, String type, String name, String country, LocalDate dateOfBirth,
      String registrationNumber, String externalId, Instant createdAt, Instant updatedAt) {}

  private final DSLContext dsl;
  private final Clock clock;

  public ProfileStore(DSLContext dsl, Clock clock) {
    this.dsl = dsl;
    this.clock = clock;
  }

  /**
   * Adds the profile.
   *
   * @throws ConflictException when a live profile of the organization has its external id
   */
  public Profile create(String orgId, Fields fields) {
    OffsetDateTime now = now();
    String id = Ids.newId("prf");
    return uniqueExternalId(fields.externalId(), () -> Organizations.writingFor(orgId, () ->
        dsl.insertInto(PROFILES)
            .set(PROFILES.ID, id)
            .set(PROFILES.ORG_ID, orgId)
            .set(PROFILES.TYPE, fields.type())
            .set(PROFILES.NAME, fields.name())
            .set(PROFILES.COUNTRY, fields.country())
            .set(PROFILES.DATE_OF_BIRTH, fields.dateOfBirth())
            .set(PROFILES.REGISTRATION_NUMBER, fields.registrationNumber())
            .set(PROFILES.EXTERNAL_ID, fields.externalId())
            .set(PROFILES.CREATED_AT, now)
            .set(PROFILES.UPDATED_AT, now)
            .returning()
            .fetchSingle(ProfileStore::profile)));
  }

  /** What an upsert by external id did. */
  public enum Upsert { CREATED, UPDATED, UNCHANGED }

  /**
   * For a sync in its own transaction {@code t}: the organization's live profile with this
   * external id gets {@code type} and {@code name} (its other fields stay), or a new profile is
   * created with them.
   */
  public static Upsert upsertByExternalId(DSLContext t, String orgId, String externalId, String type, String name,
      OffsetDateTime now) {
    var current = t.select(PROFILES.ID, PROFILES.TYPE, PROFILES.NAME).from(PROFILES)
        .where(live(orgId)).and(PROFILES.EXTERNAL_ID.eq(externalId)).forUpdate().fetchOptional();
    if (current.isPresent()) {
      if (type.equals(current.get().value2()) && name.equals(current.get().value3())) {
        return Upsert.UNCHANGED;
      }
      boolean personFields = PERSON.equals(type);
      t.update(PROFILES)
          .set(PROFILES.TYPE, type)
          .set(PROFILES.NAME, name)
          // a change of type drops the other type's field (the table's checks require it)
          .set(PROFILES.DATE_OF_BIRTH, personFields ? PROFILES.DATE_OF_BIRTH : DSL.val((LocalDate) null))
          .set(PROFILES.REGISTRATION_NUMBER, personFields ? DSL.val((String) null) : PROFILES.REGISTRATION_NUMBER)
          .set(PROFILES.UPDATED_AT, now)
          .where(PROFILES.ID.eq(current.get().value1()))
          .execute();
      return Upsert.UPDATED;
    }
    t.insertInto(PROFILES)
        .set(PROFILES.ID, Ids.newId("prf"))
        .set(PROFILES.ORG_ID, orgId)
        .set(PROFILES.TYPE, type)
        .set(PROFILES.NAME, name)
        .set(PROFILES.EXTERNAL_ID, externalId)
        .set(PROFILES.CREATED_AT, now)
        .set(PROFILES.UPDATED_AT, now)
        .execute();
    return Upsert.CREATED;
  }

  /** The organization's live profile. */
  public Optional<Profile> find(String orgId, String id) {
    return dsl.selectFrom(PROFILES).where(live(orgId)).and(PROFILES.ID.eq(id)).fetchOptional(ProfileStore::profile);
  }

  /** The organization's live profiles, newest first. */
  public Page<Profile> list(String orgId, String type, int limit, Optional<Page.After> after) {
    Condition where = live(orgId)
        .and(type == null ? DSL.noCondition() : PROFILES.TYPE.eq(type))
        .and(after.map(a -> DSL.row(PROFILES.CREATED_AT, PROFILES.ID).lt(a.createdAt(), a.id()))
            .orElse(DSL.noCondition()));
    List<ProfilesRecord> rows = dsl.selectFrom(PROFILES)
        .where(where)
        .orderBy(PROFILES.CREATED_AT.desc(), PROFILES.ID.desc())
        .limit(limit + 1)
        .fetch();
    return Page.of(rows, limit, ProfilesRecord::getCreatedAt, ProfilesRecord::getId, ProfileStore::profile);
  }

  /**
   * Replaces the live profile's fields with {@code fields} (the caller merged the change into the
   * profile as it was); empty when there is no such profile.
   *
   * @throws ConflictException when another live profile of the organization has the external id
   */
  public Optional<Profile> update(String orgId, String id, Fields fields) {
    return uniqueExternalId(fields.externalId(), () -> dsl.update(PROFILES)
        .set(PROFILES.TYPE, fields.type())
        .set(PROFILES.NAME, fields.name())
        .set(PROFILES.COUNTRY, fields.country())
        .set(PROFILES.DATE_OF_BIRTH, fields.dateOfBirth())
        .set(PROFILES.REGISTRATION_NUMBER, fields.registrationNumber())
        .set(PROFILES.EXTERNAL_ID, fields.externalId())
        .set(PROFILES.UPDATED_AT, now())
        .where(live(orgId))
        .and(PROFILES.ID.eq(id))
        .returning()
        .fetchOptional(ProfileStore::profile));
  }

  /** Soft-deletes the live profile; false when there is none. */
  public boolean delete(String orgId, String id) {
    OffsetDateTime now = now();
    return dsl.update(PROFILES)
            .set(PROFILES.DELETED_AT, now)
            .set(PROFILES.UPDATED_AT, now)
            .where(live(orgId))
            .and(PROFILES.ID.eq(id))
            .execute()
        == 1;
  }

  /**
   * For a statement of the KYC capabilities: the organization's live profiles' ids, of {@code
   * ids} when given (null: all of them).
   */
  public static Select<Record1<String>> liveIds(String orgId, Collection<String> ids) {
    return DSL.select(PROFILES.ID).from(PROFILES).where(live(orgId))
        .and(ids == null ? DSL.noCondition() : PROFILES.ID.in(ids));
  }

  /** Those of {@code ids} that are not live profiles of the organization, in their order. */
  public List<String> notLive(String orgId, List<String> ids) {
    Set<String> found = new HashSet<>(dsl.fetch(liveIds(orgId, ids)).getValues(PROFILES.ID));
    return ids.stream().filter(id -> !found.contains(id)).toList();
  }

  /** The condition, for a query of the KYC capabilities, that {@code profileId} names a live profile. */
  public static Condition isLive(Field<String> profileId) {
    return DSL.exists(DSL.selectOne().from(PROFILES).where(PROFILES.ID.eq(profileId)).and(PROFILES.DELETED_AT.isNull()));
  }

  private static Condition live(String orgId) {
    return PROFILES.ORG_ID.eq(orgId).and(PROFILES.DELETED_AT.isNull());
  }

  private static <T> T uniqueExternalId(String externalId, Supplier<T> write) {
    try {
      return write.get();
    } catch (DataAccessException e) {
      if (UNIQUE_VIOLATION.equals(e.sqlState())) {
        throw new ConflictException("externalId", "another profile of the organization has external id " + externalId);
      }
      throw e;
    }
  }

  static Profile profile(ProfilesRecord r) {
    return new Profile(
        r.getId(), r.getOrgId(), r.getType(), r.getName(), r.getCountry(), r.getDateOfBirth(),
        r.getRegistrationNumber(), r.getExternalId(), r.getCreatedAt().toInstant(), r.getUpdatedAt().toInstant());
  }

  private OffsetDateTime now() {
    return OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
  }
}
