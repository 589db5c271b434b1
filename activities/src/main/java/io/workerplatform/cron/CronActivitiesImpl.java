package io.workerplatform.cron;

import io.workerplatform.common.ConnectionWait;
import io.temporal.activity.Activity;
import io.temporal.failure.ApplicationFailure;
import io.workerplatform.common.DatabaseWait;
import io.workerplatform.common.PlatformMetrics;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

public class CronActivitiesImpl implements CronActivities {
  private final Map<String, CronJob> jobs;
  private final CronRunStore runs;
  private final PlatformMetrics metrics;
  private final DatabaseWait databaseWait;

  public CronActivitiesImpl(List<CronJob> jobs, CronRunStore runs) {
    this(jobs, runs, PlatformMetrics.none());
  }

  public CronActivitiesImpl(List<CronJob> jobs, CronRunStore runs, PlatformMetrics metrics) {
    this(jobs, runs, metrics, DatabaseWait.of(runs.dsl()));
  }

  /** @param databaseWait how a run outlasts a database outage (waits within its attempt) */
  public CronActivitiesImpl(List<CronJob> jobs, CronRunStore runs, PlatformMetrics metrics, DatabaseWait databaseWait) {
    this.metrics = metrics;
    this.jobs = jobs.stream().collect(Collectors.toUnmodifiableMap(CronJob::name, Function.identity()));
    this.runs = runs;
    this.databaseWait = databaseWait;
  }

  @Override
  public Map<String, Long> runJob(CronRun run) {
    CronJob job = jobs.get(run.job());
    if (job == null) {
      throw ApplicationFailure.newNonRetryableFailure(
          "no cron job named '" + run.job() + "' on this worker (known: " + jobs.keySet() + ")", UNKNOWN_JOB);
    }
    var context = Activity.getExecutionContext();
    Instant now = run.now() != null ? run.now() : Instant.now();
    // A database outage does not spend the run's attempts: the attempt waits for the database
    // (its heartbeat says so, as do the workflow's pending activity details) and runs the job
    // again, whose batches are idempotent.
    return databaseWait.run(
        () -> {
          // Heartbeats while a statement waits for a pooled connection too (a busy pool).
          return ConnectionWait.heartbeating(() -> context.heartbeat(null), () -> {
            runs.started(run);
            return job.run(run.input(), now, () -> context.heartbeat(null));
          });
        },
        context::heartbeat);
  }

  @Override
  public void recordOutcome(CronRun run, CronRunResult result) {
    if (runs.finished(run, result)) {
      metrics.cronRun(run.job(), result.outcome());
    }
  }
}
