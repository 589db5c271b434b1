package io.workerplatform.audit;

import static io.workerplatform.db.Tables.AUDIT_LOG;

import io.workerplatform.common.RenderedQuery;
import io.workerplatform.retention.RetentionCategory;
import io.workerplatform.retention.RetentionSql;
import io.workerplatform.retention.RetentionStep;
import java.util.List;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/**
 * Retention category {@code audit-log}: audit rows older than the organization's retention for it
 * (by default {@value #DEFAULT_DAYS} days) are deleted. The anonymizer's own audit rows of the batch
 * that deletes them are written after, so a run always leaves its trace.
 */
public final class AuditRetention implements RetentionCategory {
  public static final String CATEGORY = "audit-log";
  public static final int DEFAULT_DAYS = 400;

  private final RenderedQuery delete;

  public AuditRetention(DSLContext dsl) {
    this.delete = RenderedQuery.of(dsl, DSL.deleteFrom(AUDIT_LOG)
        .where(AUDIT_LOG.ID.in(
            DSL.select(AUDIT_LOG.ID)
                .from(RetentionSql.withRetention(AUDIT_LOG, AUDIT_LOG.ORG_ID, CATEGORY))
                .where(AUDIT_LOG.ORG_ID.isNotNull())
                .and(RetentionSql.pastRetention(AUDIT_LOG.AT))
                .and(RetentionSql.share(AUDIT_LOG.ORG_ID))
                .limit(RetentionSql.LIMIT)))
        .returning(AUDIT_LOG.ORG_ID));
  }

  @Override
  public String name() {
    return CATEGORY;
  }

  @Override
  public int defaultDays() {
    return DEFAULT_DAYS;
  }

  @Override
  public List<RetentionStep> steps() {
    return List.of(new RetentionStep("audit-log", "audit-row", 90, (t, scan) -> scan.bind(delete).fetch(t).getValues(AUDIT_LOG.ORG_ID)));
  }
}
