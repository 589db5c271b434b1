package io.workerplatform.cron;

import static io.workerplatform.db.Tables.CRON_RUNS;

import io.workerplatform.common.CountsJson;
import io.workerplatform.db.tables.records.CronRunsRecord;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import io.workerplatform.common.Page;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/** The record of every cron run. */
public class CronRunStore {
  /** A run started and not yet ended. */
  public static final String RUNNING = "RUNNING";

  private final DSLContext dsl;
  private final Clock clock;

  public CronRunStore(DSLContext dsl, Clock clock) {
    this.dsl = dsl;
    this.clock = clock;
  }

  DSLContext dsl() {
    return dsl;
  }

  public record Run(
      String runId, String workflowId, String job, String outcome, String countsJson, String error,
      OffsetDateTime startedAt, OffsetDateTime finishedAt) {}

  /** Records the run as started; a retried attempt of the same run finds its row. */
  public void started(CronActivities.CronRun run) {
    dsl.insertInto(CRON_RUNS)
        .set(CRON_RUNS.RUN_ID, run.runId())
        .set(CRON_RUNS.WORKFLOW_ID, run.workflowId())
        .set(CRON_RUNS.JOB, run.job())
        .set(CRON_RUNS.OUTCOME, RUNNING)
        .set(CRON_RUNS.STARTED_AT, now())
        .onConflictDoNothing()
        .execute();
  }

  /** Records the run's outcome; true when this call finished it (a retried one finds it finished). */
  public boolean finished(CronActivities.CronRun run, CronRunResult result) {
    started(run); // a run whose job never started (an unknown job) is still on record
    return dsl.update(CRON_RUNS)
        .set(CRON_RUNS.OUTCOME, result.outcome())
        .set(CRON_RUNS.COUNTS, CountsJson.field(result.counts()))
        .set(CRON_RUNS.ERROR, result.error())
        .set(CRON_RUNS.FINISHED_AT, now())
        .where(CRON_RUNS.RUN_ID.eq(run.runId()))
        .and(CRON_RUNS.FINISHED_AT.isNull())
        .execute() == 1;
  }

  /** When each job last succeeded (jobs that never did are absent). */
  public Map<String, OffsetDateTime> lastSuccessByJob() {
    return dsl.select(CRON_RUNS.JOB, DSL.max(CRON_RUNS.FINISHED_AT))
        .from(CRON_RUNS)
        .where(CRON_RUNS.OUTCOME.eq(CronRunResult.SUCCEEDED))
        .groupBy(CRON_RUNS.JOB)
        .fetchMap(CRON_RUNS.JOB, DSL.max(CRON_RUNS.FINISHED_AT));
  }

  /** The latest run of each job. */
  public Map<String, Run> latestByJob() {
    return dsl.select(CRON_RUNS.fields())
        .distinctOn(CRON_RUNS.JOB)
        .from(CRON_RUNS)
        .orderBy(CRON_RUNS.JOB, CRON_RUNS.STARTED_AT.desc())
        .fetchInto(CRON_RUNS)
        .intoMap(CRON_RUNS.JOB, CronRunStore::run);
  }

  /** The job's runs that started and have not finished (running, or ended without a record), newest first. */
  public List<Run> unfinished(String job) {
    return dsl.selectFrom(CRON_RUNS)
        .where(CRON_RUNS.JOB.eq(job).and(CRON_RUNS.FINISHED_AT.isNull()))
        .orderBy(CRON_RUNS.STARTED_AT.desc())
        .limit(20)
        .fetch(CronRunStore::run);
  }

  /** The job's runs, newest first. */
  public Page<Run> runs(String job, int limit, Optional<Page.After> after) {
    Condition where = CRON_RUNS.JOB.eq(job);
    if (after.isPresent()) {
      where = where.and(DSL.row(CRON_RUNS.STARTED_AT, CRON_RUNS.RUN_ID).lt(after.get().createdAt(), after.get().id()));
    }
    List<Run> rows =
        dsl.selectFrom(CRON_RUNS)
            .where(where)
            .orderBy(CRON_RUNS.STARTED_AT.desc(), CRON_RUNS.RUN_ID.desc())
            .limit(limit + 1)
            .fetch(CronRunStore::run);
    return Page.of(rows, limit, Run::startedAt, Run::runId, run -> run);
  }

  private static Run run(CronRunsRecord r) {
    return new Run(
        r.getRunId(), r.getWorkflowId(), r.getJob(), r.getOutcome(),
        r.getCounts() == null ? null : r.getCounts().data(), r.getError(), r.getStartedAt(), r.getFinishedAt());
  }

  private OffsetDateTime now() {
    return OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
  }
}
