package io.workerplatform.audit;

import static io.workerplatform.db.Tables.AUDIT_LOG;

import io.workerplatform.common.CountsJson;
import java.time.OffsetDateTime;
import java.util.Map;
import org.jooq.DSLContext;

/** Audit rows: who or what did what to how many rows of which kind, and never to whom. */
public final class AuditLog {
  private AuditLog() {}

  /** Writes one audit row with {@code t}, the caller's transaction. */
  public static void record(
      DSLContext t, String orgId, String actor, String action, String entityType, String entityId,
      Map<String, Long> counts, OffsetDateTime at) {
    t.insertInto(AUDIT_LOG)
        .set(AUDIT_LOG.ORG_ID, orgId)
        .set(AUDIT_LOG.ACTOR, actor)
        .set(AUDIT_LOG.ACTION, action)
        .set(AUDIT_LOG.ENTITY_TYPE, entityType)
        .set(AUDIT_LOG.ENTITY_ID, entityId)
        .set(AUDIT_LOG.COUNTS, CountsJson.field(counts))
        .set(AUDIT_LOG.AT, at)
        .execute();
  }
}
