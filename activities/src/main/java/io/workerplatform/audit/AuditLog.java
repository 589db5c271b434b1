package io.workerplatform.audit;

import static io.workerplatform.db.Tables.AUDIT_LOG;

import io.workerplatform.common.CountsJson;
import java.time.OffsetDateTime;
import java.util.Map;
import io.workerplatform.db.tables.records.AuditLogRecord;
import org.jooq.DSLContext;
import org.jooq.InsertSetMoreStep;

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
    row(t, orgId, actor, action, entityType, entityId, counts, at).execute();
  }

  /** The audit row of a domain event, once per event: a retried handler finds its row. */
  public static void recordEvent(
      DSLContext t, String orgId, String eventId, String actor, String action, String entityType, String entityId,
      OffsetDateTime at) {
    row(t, orgId, actor, action, entityType, entityId, Map.of(), at)
        .set(AUDIT_LOG.EVENT_ID, eventId)
        .onConflict(AUDIT_LOG.ORG_ID, AUDIT_LOG.EVENT_ID)
        .where(AUDIT_LOG.EVENT_ID.isNotNull())
        .doNothing()
        .execute();
  }

  private static InsertSetMoreStep<AuditLogRecord> row(
      DSLContext t, String orgId, String actor, String action, String entityType, String entityId,
      Map<String, Long> counts, OffsetDateTime at) {
    return t.insertInto(AUDIT_LOG)
        .set(AUDIT_LOG.ORG_ID, orgId)
        .set(AUDIT_LOG.ACTOR, actor)
        .set(AUDIT_LOG.ACTION, action)
        .set(AUDIT_LOG.ENTITY_TYPE, entityType)
        .set(AUDIT_LOG.ENTITY_ID, entityId)
        .set(AUDIT_LOG.COUNTS, CountsJson.field(counts))
        .set(AUDIT_LOG.AT, at);
  }
}
