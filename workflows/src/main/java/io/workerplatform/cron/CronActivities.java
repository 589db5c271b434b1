package io.workerplatform.cron;

import io.temporal.activity.ActivityInterface;
import java.time.Instant;
import java.util.Map;

@ActivityInterface
public interface CronActivities {
  /** Failure type of a job name no worker knows. */
  String UNKNOWN_JOB = "UnknownCronJob";

  /** Records the run as started (once per run id) and runs the job; returns its counts. */
  Map<String, Long> runJob(CronRun run);

  /** Records how the run ended. */
  void recordOutcome(CronRun run, CronRunResult result);

  /**
   * @param now the run's time (the workflow's clock); null in runs recorded before it was passed,
   *     which then take the worker's
   */
  record CronRun(String job, String workflowId, String runId, Map<String, String> input, Instant now) {
    public CronRun(String job, String workflowId, String runId, Map<String, String> input) {
      this(job, workflowId, runId, input, null);
    }
  }
}
