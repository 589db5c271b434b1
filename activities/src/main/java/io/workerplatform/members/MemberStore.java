package io.workerplatform.members;

import static io.workerplatform.db.Tables.MEMBERS;
import static io.workerplatform.db.Tables.MEMBER_NOTIFICATION_PREFERENCES;

import io.workerplatform.common.ConflictException;
import io.workerplatform.common.Ids;
import io.workerplatform.common.Organizations;
import io.workerplatform.common.Page;
import io.workerplatform.db.tables.records.MembersRecord;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;

/** The members of an organization: the people who use the product and receive its notifications. */
public class MemberStore {
  public static final List<String> ROLES = List.of("ADMIN", "MANAGER", "COMPLIANCE", "MEMBER");
  private static final String UNIQUE_VIOLATION = "23505";

  public record NewMember(String email, String name, String role, String timeZone, String locale) {}

  public record Member(
      String id, String orgId, String email, String name, String role, String timeZone, String locale,
      Instant createdAt) {}

  private final DSLContext dsl;
  private final Clock clock;

  public MemberStore(DSLContext dsl, Clock clock) {
    this.dsl = dsl;
    this.clock = clock;
  }

  /**
   * Adds the member.
   *
   * @throws ConflictException when the organization has a member with this address already
   */
  public Member create(String orgId, NewMember member) {
    String id = Ids.newId("mem");
    OffsetDateTime now = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
    try {
      return Organizations.writingFor(
          orgId,
          () ->
              dsl.insertInto(MEMBERS)
                  .set(MEMBERS.ID, id)
                  .set(MEMBERS.ORG_ID, orgId)
                  .set(MEMBERS.EMAIL, member.email())
                  .set(MEMBERS.NAME, member.name())
                  .set(MEMBERS.ROLE, member.role())
                  .set(MEMBERS.TIME_ZONE, member.timeZone())
                  .set(MEMBERS.LOCALE, member.locale())
                  .set(MEMBERS.CREATED_AT, now)
                  .returning()
                  .fetchSingle(MemberStore::member));
    } catch (DataAccessException e) {
      if (UNIQUE_VIOLATION.equals(e.sqlState())) {
        throw new ConflictException("email", "the organization has a member with this email already");
      }
      throw e;
    }
  }

  /** The member, if it belongs to {@code orgId} and is not deleted. */
  /** Whether the organization has this member (deleted or not), read on {@code dsl}. */
  public static boolean exists(DSLContext dsl, String orgId, String memberId) {
    return dsl.fetchExists(MEMBERS, MEMBERS.ID.eq(memberId).and(MEMBERS.ORG_ID.eq(orgId)));
  }

  public Optional<Member> find(String orgId, String id) {
    return dsl.selectFrom(MEMBERS)
        .where(MEMBERS.ID.eq(id))
        .and(MEMBERS.ORG_ID.eq(orgId))
        .and(MEMBERS.DELETED_AT.isNull())
        .fetchOptional(MemberStore::member);
  }

  /** The organization's members that are not deleted, newest first. */
  public Page<Member> list(String orgId, int limit, Optional<Page.After> after) {
    Condition where =
        after.map(a -> DSL.row(MEMBERS.CREATED_AT, MEMBERS.ID).lt(a.createdAt(), a.id())).orElse(DSL.noCondition());
    List<MembersRecord> rows =
        dsl.selectFrom(MEMBERS)
            .where(MEMBERS.ORG_ID.eq(orgId))
            .and(MEMBERS.DELETED_AT.isNull())
            .and(where)
            .orderBy(MEMBERS.CREATED_AT.desc(), MEMBERS.ID.desc())
            .limit(limit + 1)
            .fetch();
    return Page.of(rows, limit, MembersRecord::getCreatedAt, MembersRecord::getId, MemberStore::member);
  }

  /**
   * Deletes the member: gone from the API and from notifications at once; the row stays, marked,
   * until the anonymizer overwrites its personal data. False when there was no such member.
   */
  public boolean delete(String orgId, String id) {
    return dsl.update(MEMBERS)
            .set(MEMBERS.DELETED_AT, OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC))
            .where(MEMBERS.ID.eq(id))
            .and(MEMBERS.ORG_ID.eq(orgId))
            .and(MEMBERS.DELETED_AT.isNull())
            .execute()
        == 1;
  }

  /** A member who may be notified: its role, and its own channels for the type (null: none chosen). */
  public record Recipient(String memberId, String role, List<String> ownChoice) {}

  /**
   * The organization's members that are not deleted, oldest first, each with its own choice for
   * {@code eventType}: one query per notifying event.
   */
  public List<Recipient> recipients(String orgId, String eventType) {
    return dsl.select(MEMBERS.ID, MEMBERS.ROLE, MEMBER_NOTIFICATION_PREFERENCES.CHANNELS)
        .from(MEMBERS)
        .leftJoin(MEMBER_NOTIFICATION_PREFERENCES)
        .on(MEMBER_NOTIFICATION_PREFERENCES.MEMBER_ID.eq(MEMBERS.ID)
            .and(MEMBER_NOTIFICATION_PREFERENCES.EVENT_TYPE.eq(eventType)))
        .where(MEMBERS.ORG_ID.eq(orgId))
        .and(MEMBERS.DELETED_AT.isNull())
        .orderBy(MEMBERS.CREATED_AT, MEMBERS.ID)
        .fetch(r -> new Recipient(r.value1(), r.value2(), r.value3() == null ? null : List.of(r.value3())));
  }

  /** The member's own choices of channels, by event type (types it left to its role: absent). */
  public Map<String, List<String>> ownPreferences(String memberId) {
    Map<String, List<String>> own = new LinkedHashMap<>();
    dsl.select(MEMBER_NOTIFICATION_PREFERENCES.EVENT_TYPE, MEMBER_NOTIFICATION_PREFERENCES.CHANNELS)
        .from(MEMBER_NOTIFICATION_PREFERENCES)
        .where(MEMBER_NOTIFICATION_PREFERENCES.MEMBER_ID.eq(memberId))
        .orderBy(MEMBER_NOTIFICATION_PREFERENCES.EVENT_TYPE)
        .forEach(r -> own.put(r.value1(), List.of(r.value2())));
    return own;
  }

  /** Replaces the member's own choices with {@code choices}, in one transaction. */
  public void replacePreferences(Member member, Map<String, List<String>> choices) {
    dsl.transaction(tx -> {
      tx.dsl().deleteFrom(MEMBER_NOTIFICATION_PREFERENCES)
          .where(MEMBER_NOTIFICATION_PREFERENCES.MEMBER_ID.eq(member.id()))
          .execute();
      choices.forEach((type, channels) ->
          tx.dsl().insertInto(MEMBER_NOTIFICATION_PREFERENCES)
              .set(MEMBER_NOTIFICATION_PREFERENCES.MEMBER_ID, member.id())
              .set(MEMBER_NOTIFICATION_PREFERENCES.ORG_ID, member.orgId())
              .set(MEMBER_NOTIFICATION_PREFERENCES.EVENT_TYPE, type)
              .set(MEMBER_NOTIFICATION_PREFERENCES.CHANNELS, channels.toArray(String[]::new))
              .execute());
    });
  }

  private static Member member(MembersRecord r) {
    return new Member(
        r.getId(), r.getOrgId(), r.getEmail(), r.getName(), r.getRole(), r.getTimeZone(), r.getLocale(),
        r.getCreatedAt().toInstant());
  }
}
