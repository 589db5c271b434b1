package io.workerplatform.organizations;

import static io.workerplatform.db.Tables.ORGANIZATIONS;

import io.workerplatform.common.Page;
import io.workerplatform.db.tables.records.OrganizationsRecord;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import java.util.Collection;

/** The organizations: the tenants every other row belongs to. */
public class OrganizationStore {
  /** @param timeZone an IANA zone id: jobs that run at a local hour (digests, expiry alerts) read it */
  public record Organization(String id, String name, String timeZone, Instant createdAt) {}

  private final DSLContext dsl;
  private final Clock clock;

  public OrganizationStore(DSLContext dsl, Clock clock) {
    this.dsl = dsl;
    this.clock = clock;
  }

  /** Creates the organization; false when one with this id exists. */
  public boolean create(String id, String name) {
    return dsl.insertInto(ORGANIZATIONS)
            .set(ORGANIZATIONS.ID, id)
            .set(ORGANIZATIONS.NAME, name)
            .set(ORGANIZATIONS.CREATED_AT, OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC))
            .onConflictDoNothing()
            .execute()
        == 1;
  }

  /**
   * Changes the name and the time zone, each when given (null keeps it); empty when there is no
   * such organization.
   */
  public Optional<Organization> update(String id, String name, String timeZone) {
    var update = dsl.update(ORGANIZATIONS)
        .set(ORGANIZATIONS.NAME, name == null ? ORGANIZATIONS.NAME : DSL.val(name))
        .set(ORGANIZATIONS.TIME_ZONE, timeZone == null ? ORGANIZATIONS.TIME_ZONE : DSL.val(timeZone));
    return update.where(ORGANIZATIONS.ID.eq(id)).returning().fetchOptional(OrganizationStore::organization);
  }

  /** An organization's id and time zone: what jobs that run at local times read. */
  public record Zone(String orgId, String timeZone) {}

  /** Organizations after {@code afterId} by id, at most {@code limit}, with their time zones. */
  public static List<Zone> zones(DSLContext dsl, String afterId, int limit) {
    return dsl.select(ORGANIZATIONS.ID, ORGANIZATIONS.TIME_ZONE)
        .from(ORGANIZATIONS)
        .where(ORGANIZATIONS.ID.gt(afterId))
        .orderBy(ORGANIZATIONS.ID)
        .limit(limit)
        .fetch(r -> new Zone(r.value1(), r.value2()));
  }

  /** The organization's time zone, read on {@code dsl}; empty when it does not exist. */
  public static Optional<String> zone(DSLContext dsl, String orgId) {
    return dsl.select(ORGANIZATIONS.TIME_ZONE).from(ORGANIZATIONS).where(ORGANIZATIONS.ID.eq(orgId))
        .fetchOptional(ORGANIZATIONS.TIME_ZONE);
  }

  /** Whether the organization exists, read on {@code dsl}. */
  public static boolean exists(DSLContext dsl, String orgId) {
    return dsl.fetchExists(ORGANIZATIONS, ORGANIZATIONS.ID.eq(orgId));
  }

  /** The names of those of {@code ids} that exist, read on {@code dsl}. */
  public static Map<String, String> names(DSLContext dsl, Collection<String> ids) {
    return dsl.select(ORGANIZATIONS.ID, ORGANIZATIONS.NAME)
        .from(ORGANIZATIONS)
        .where(ORGANIZATIONS.ID.in(ids))
        .fetchMap(ORGANIZATIONS.ID, ORGANIZATIONS.NAME);
  }

  public Optional<Organization> find(String id) {
    return dsl.selectFrom(ORGANIZATIONS).where(ORGANIZATIONS.ID.eq(id)).fetchOptional(OrganizationStore::organization);
  }

  /** Every organization, newest first. */
  public Page<Organization> list(int limit, Optional<Page.After> after) {
    Condition where =
        after.map(a -> DSL.row(ORGANIZATIONS.CREATED_AT, ORGANIZATIONS.ID).lt(a.createdAt(), a.id()))
            .orElse(DSL.noCondition());
    List<OrganizationsRecord> rows =
        dsl.selectFrom(ORGANIZATIONS)
            .where(where)
            .orderBy(ORGANIZATIONS.CREATED_AT.desc(), ORGANIZATIONS.ID.desc())
            .limit(limit + 1)
            .fetch();
    return Page.of(rows, limit, OrganizationsRecord::getCreatedAt, OrganizationsRecord::getId, OrganizationStore::organization);
  }

  private static Organization organization(OrganizationsRecord r) {
    return new Organization(r.getId(), r.getName(), r.getTimeZone(), r.getCreatedAt().toInstant());
  }
}
