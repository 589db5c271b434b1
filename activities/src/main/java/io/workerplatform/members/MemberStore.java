package io.workerplatform.members;

import static io.workerplatform.db.Tables.MEMBERS;

import io.workerplatform.common.ConflictException;
import io.workerplatform.common.Ids;
import io.workerplatform.common.Organizations;
import io.workerplatform.common.Page;
import io.workerplatform.db.tables.records.MembersRecord;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;

/** The members of an organization: the people who use the product and receive its notifications. */
public class MemberStore {
  public static final List<String> ROLES = List.of("ADMIN", "MANAGER", "COMPLIANCE", "MEMBER", "TAX_PREPARER");
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

  /**
   * A member as a message addresses it (an email's recipient); {@code gone}: deleted or
   * anonymized, nothing may be sent to it.
   */
  public record Addressee(String id, String orgId, String email, String name, String locale, boolean gone) {}

  /** The member (deleted or not), read on {@code dsl}. */
  public static Optional<Addressee> addressee(DSLContext dsl, String id) {
    return dsl.select(
            MEMBERS.ID, MEMBERS.ORG_ID, MEMBERS.EMAIL, MEMBERS.NAME, MEMBERS.LOCALE, MEMBERS.DELETED_AT,
            MEMBERS.ANONYMIZED_AT)
        .from(MEMBERS)
        .where(MEMBERS.ID.eq(id))
        .fetchOptional(r -> new Addressee(
            r.value1(), r.value2(), r.value3(), r.value4(), r.value5(), r.value6() != null || r.value7() != null));
  }

  /** A member that is not deleted, with its role (whom notifications reach). */
  public record Role(String memberId, String role) {}

  /** The organization's members that are not deleted, oldest first: one query per notifying event. */
  public List<Role> roles(String orgId) {
    return roles(orgId, DSL.noCondition());
  }

  /** Those of {@code memberIds} that are members of the organization and not deleted, oldest first. */
  public List<Role> roles(String orgId, Collection<String> memberIds) {
    return roles(orgId, MEMBERS.ID.in(memberIds));
  }

  private List<Role> roles(String orgId, Condition which) {
    return dsl.select(MEMBERS.ID, MEMBERS.ROLE)
        .from(MEMBERS)
        .where(MEMBERS.ORG_ID.eq(orgId))
        .and(MEMBERS.DELETED_AT.isNull())
        .and(which)
        .orderBy(MEMBERS.CREATED_AT, MEMBERS.ID)
        .fetch(r -> new Role(r.value1(), r.value2()));
  }

  private static Member member(MembersRecord r) {
    return new Member(
        r.getId(), r.getOrgId(), r.getEmail(), r.getName(), r.getRole(), r.getTimeZone(), r.getLocale(),
        r.getCreatedAt().toInstant());
  }
}
