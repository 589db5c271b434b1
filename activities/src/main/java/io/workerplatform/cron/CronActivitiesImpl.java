package io.workerplatform.cron;

import io.temporal.activity.Activity;
import io.temporal.failure.ApplicationFailure;
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

  public CronActivitiesImpl(List<CronJob> jobs, CronRunStore runs) {
    this(jobs, runs, PlatformMetrics.none());
  }

  public CronActivitiesImpl(List<CronJob> jobs, CronRunStore runs, PlatformMetrics metrics) {
    this.metrics = metrics;
    this.jobs = jobs.stream().collect(Collectors.toUnmodifiableMap(CronJob::name, Function.identity()));
    this.runs = runs;
  }

  @Override
  public Map<String, Long> runJob(CronRun run) {
    CronJob job = jobs.get(run.job());
    if (job == null) {
      throw ApplicationFailure.newNonRetryableFailure(
          "no cron job named '" + run.job() + "' on this worker (known: " + jobs.keySet() + ")", UNKNOWN_JOB);
    }
    runs.started(run);
    var context = Activity.getExecutionContext();
    Instant now = run.now() != null ? run.now() : Instant.now();
    return job.run(run.input(), now, () -> context.heartbeat(null));
  }

  @Override
  public void recordOutcome(CronRun run, CronRunResult result) {
    if (runs.finished(run, result)) {
      metrics.cronRun(run.job(), result.outcome());
    }
  }
}
