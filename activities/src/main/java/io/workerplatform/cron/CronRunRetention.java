package io.workerplatform.cron;

import static io.workerplatform.db.Tables.CRON_RUNS;

import io.workerplatform.common.RenderedQuery;
import io.workerplatform.retention.RetentionCategory;
import io.workerplatform.retention.RetentionSql;
import io.workerplatform.retention.RetentionStep;
import java.util.List;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/**
 * Retention category {@code cron-runs}: finished runs (succeeded or failed) older than {@value
 * #DEFAULT_DAYS} days are deleted; a running one never. Platform-wide rows: the period is the
 * category's ({@code platform.gdpr.retention-days.cron-runs}), no organization's. What ends with
 * them: {@code GET /api/cron/{name}/runs} no longer lists them.
 */
public final class CronRunRetention implements RetentionCategory {
  public static final String CATEGORY = "cron-runs";
  public static final int DEFAULT_DAYS = 90;

  private final RenderedQuery delete;

  public CronRunRetention(DSLContext dsl) {
    this.delete = RenderedQuery.of(dsl, DSL.deleteFrom(CRON_RUNS)
        .where(CRON_RUNS.RUN_ID.in(
            DSL.select(CRON_RUNS.RUN_ID)
                .from(CRON_RUNS)
                .where(CRON_RUNS.OUTCOME.ne(DSL.inline("RUNNING")))
                .and(RetentionSql.pastDefault(CRON_RUNS.FINISHED_AT))
                .and(RetentionSql.share(CRON_RUNS.RUN_ID))
                .limit(RetentionSql.LIMIT)))
        .returning(DSL.inline((String) null).as("org_id")));
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
    return List.of(new RetentionStep(CATEGORY, "cron-run", 85,
        (t, scan) -> scan.bind(delete).fetch(t).getValues(0, String.class)));
  }
}
