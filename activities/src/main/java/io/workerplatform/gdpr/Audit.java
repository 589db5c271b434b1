package io.workerplatform.gdpr;

import static io.workerplatform.db.Tables.AUDIT_LOG;

import io.workerplatform.common.CountsJson;
import io.workerplatform.common.RenderedQuery;
import java.time.OffsetDateTime;
import java.util.Map;
import org.jooq.DSLContext;
import org.jooq.JSONB;
import org.jooq.impl.DSL;

/**
 * Audit rows: who or what did what to how many rows of which kind, and never to whom. The insert
 * is rendered once (see {@link RenderedQuery}): the anonymizer writes one per organization and
 * batch.
 */
final class Audit {
  private final RenderedQuery insert;

  Audit(DSLContext dsl) {
    insert =
        RenderedQuery.of(
            dsl,
            DSL.insertInto(AUDIT_LOG)
                .set(AUDIT_LOG.ORG_ID, DSL.param("orgId", String.class))
                .set(AUDIT_LOG.ACTOR, DSL.param("actor", String.class))
                .set(AUDIT_LOG.ACTION, DSL.param("action", String.class))
                .set(AUDIT_LOG.ENTITY_TYPE, DSL.param("entityType", String.class))
                .set(AUDIT_LOG.ENTITY_ID, DSL.param("entityId", String.class))
                .set(AUDIT_LOG.COUNTS, DSL.param("counts", JSONB.class))
                .set(AUDIT_LOG.AT, DSL.param("at", OffsetDateTime.class)));
  }

  /** Writes one audit row with {@code t}, the caller's transaction. */
  void record(
      DSLContext t, String orgId, String actor, String action, String entityType, String entityId,
      Map<String, Long> counts, OffsetDateTime at) {
    insert.bind()
        .set("orgId", orgId)
        .set("actor", actor)
        .set("action", action)
        .set("entityType", entityType)
        .set("entityId", entityId)
        .set("counts", JSONB.jsonb(CountsJson.write(counts)))
        .set("at", at)
        .execute(t);
  }
}
