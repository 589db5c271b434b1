package io.workerplatform.cron;

import io.temporal.activity.ActivityInterface;
import java.util.Map;

@ActivityInterface
public interface CronActivities {
  /** Failure type of a job name no worker knows. */
  String UNKNOWN_JOB = "UnknownCronJob";

  /** Records the run as started (once per run id) and runs the job; returns its counts. */
  Map<String, Long> runJob(CronRun run);

  /** Records how the run ended. */
  void recordOutcome(CronRun run, CronRunResult result);

  record CronRun(String job, String workflowId, String runId, Map<String, String> input) {}
}
