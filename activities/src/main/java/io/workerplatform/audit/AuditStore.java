package io.workerplatform.audit;

import static io.workerplatform.db.Tables.AUDIT_LOG;

import io.workerplatform.common.CountsJson;
import io.workerplatform.common.Page;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import tools.jackson.databind.json.JsonMapper;

/** Reads an organization's audit rows, newest first. */
public class AuditStore {
  /** An audit row: who or what ({@code actor}) did what to how many rows, and when. */
  public record Entry(
      String id, String actor, String action, String entityType, String entityId, Map<String, Long> counts,
      Instant at) {}

  /** A list's filters; empty ones do not narrow it. */
  public record Filter(
      Optional<String> action, Optional<String> entityType, Optional<String> actor, Optional<Instant> since,
      Optional<Instant> until) {}

  private final DSLContext dsl;
  private final JsonMapper json;

  public AuditStore(DSLContext dsl, JsonMapper json) {
    this.dsl = dsl;
    this.json = json;
  }

  /** One page of the organization's audit rows matching {@code filter}, newest first. */
  public Page<Entry> list(String orgId, Filter filter, int limit, Optional<Page.After> after) {
    Condition where = AUDIT_LOG.ORG_ID.eq(orgId);
    where = where.and(filter.action().map(AUDIT_LOG.ACTION::eq).orElse(DSL.noCondition()));
    where = where.and(filter.entityType().map(AUDIT_LOG.ENTITY_TYPE::eq).orElse(DSL.noCondition()));
    where = where.and(filter.actor().map(AUDIT_LOG.ACTOR::eq).orElse(DSL.noCondition()));
    where = where.and(filter.since().map(s -> AUDIT_LOG.AT.ge(s.atOffset(ZoneOffset.UTC))).orElse(DSL.noCondition()));
    where = where.and(filter.until().map(u -> AUDIT_LOG.AT.lt(u.atOffset(ZoneOffset.UTC))).orElse(DSL.noCondition()));
    if (after.isPresent()) {
      // ids are numbers: compared as such, not as text
      where = where.and(DSL.row(AUDIT_LOG.AT, AUDIT_LOG.ID).lt(after.get().createdAt(), Long.parseLong(after.get().id())));
    }
    var rows = dsl.selectFrom(AUDIT_LOG)
        .where(where)
        .orderBy(AUDIT_LOG.AT.desc(), AUDIT_LOG.ID.desc())
        .limit(limit + 1)
        .fetch();
    return Page.of(rows, limit, r -> r.getAt(), r -> String.valueOf(r.getId()), r -> new Entry(
        String.valueOf(r.getId()), r.getActor(), r.getAction(), r.getEntityType(), r.getEntityId(),
        CountsJson.read(json, r.getCounts().data()), r.getAt().toInstant()));
  }
}
