package io.workerplatform.cron;

import static io.workerplatform.db.Tables.CRON_RUNS;
import static io.workerplatform.work.WorkKind.instant;

import io.workerplatform.work.Phases;
import io.workerplatform.work.WorkKind;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;

/**
 * Cron runs as work: the platform's stats' {@code cronRuns}. Runs belong to no organization, so
 * they are counted in {@code /api/stats} only; their list is {@code GET /api/cron/{name}/runs}.
 */
public final class CronWork {
  private CronWork() {}

  /** A run as the stats' kind reads it. */
  public record Run(String id, String job, String status, Instant createdAt, Instant finishedAt, String workflowId) {}

  public static final WorkKind<Run> KIND = new WorkKind<>(
      "cronRuns",
      "cron-runs",
      "Cron runs",
      90,
      CRON_RUNS,
      CRON_RUNS.RUN_ID,
      null,
      CRON_RUNS.OUTCOME,
      CRON_RUNS.STARTED_AT,
      List.of(CronRunStore.RUNNING, CronRunResult.SUCCEEDED, CronRunResult.FAILED),
      Function.identity(),
      r -> new Run(
          r.get(CRON_RUNS.RUN_ID), r.get(CRON_RUNS.JOB), r.get(CRON_RUNS.OUTCOME), instant(r.get(CRON_RUNS.STARTED_AT)),
          instant(r.get(CRON_RUNS.FINISHED_AT)), r.get(CRON_RUNS.WORKFLOW_ID)),
      new Phases(
          CRON_RUNS.FINISHED_AT, List.of(), List.of(CronRunStore.RUNNING), List.of(CronRunResult.SUCCEEDED),
          List.of(CronRunResult.FAILED)));
}
