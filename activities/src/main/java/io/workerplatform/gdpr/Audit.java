package io.workerplatform.gdpr;

import static io.workerplatform.db.Tables.AUDIT_LOG;

import java.time.OffsetDateTime;
import java.util.Map;
import org.jooq.DSLContext;
import org.jooq.JSONB;

/** Audit rows: who or what did what to how many rows of which kind, and never to whom. */
final class Audit {
  private Audit() {}

  static void record(
      DSLContext t, String orgId, String actor, String action, String entityType, String entityId,
      Map<String, Long> counts, OffsetDateTime at) {
    StringBuilder json = new StringBuilder("{");
    counts.forEach((k, v) -> json.append(json.length() > 1 ? "," : "").append('"').append(k).append("\":").append(v));
    t.insertInto(AUDIT_LOG)
        .set(AUDIT_LOG.ORG_ID, orgId)
        .set(AUDIT_LOG.ACTOR, actor)
        .set(AUDIT_LOG.ACTION, action)
        .set(AUDIT_LOG.ENTITY_TYPE, entityType)
        .set(AUDIT_LOG.ENTITY_ID, entityId)
        .set(AUDIT_LOG.COUNTS, JSONB.jsonb(json.append('}').toString()))
        .set(AUDIT_LOG.AT, at)
        .execute();
  }
}
