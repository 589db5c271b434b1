package io.workerplatform.audit;

import static io.workerplatform.db.Tables.AUDIT_LOG;

import io.workerplatform.common.CountsJson;
import java.time.OffsetDateTime;
import java.util.Map;
import org.jooq.DSLContext;

/**
 * Writes audit rows: who or what did what to how many rows of which kind, and never to whom. The
 * one writer of {@code audit_log}; every capability that audits calls it in its own transaction.
 */
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

  /** The audit row of a domain event, once per event: a retried handler finds its row. */
  public static void recordEvent(
      DSLContext t, String orgId, String eventId, String actor, String action, String entityType, String entityId,
      OffsetDateTime at) {
    t.insertInto(AUDIT_LOG)
        .set(AUDIT_LOG.ORG_ID, orgId)
        .set(AUDIT_LOG.EVENT_ID, eventId)
        .set(AUDIT_LOG.ACTOR, actor)
        .set(AUDIT_LOG.ACTION, action)
        .set(AUDIT_LOG.ENTITY_TYPE, entityType)
        .set(AUDIT_LOG.ENTITY_ID, entityId)
        .set(AUDIT_LOG.COUNTS, CountsJson.field(Map.of()))
        .set(AUDIT_LOG.AT, at)
        .onConflict(AUDIT_LOG.ORG_ID, AUDIT_LOG.EVENT_ID)
        .where(AUDIT_LOG.EVENT_ID.isNotNull())
        .doNothing()
        .execute();
  }
}
