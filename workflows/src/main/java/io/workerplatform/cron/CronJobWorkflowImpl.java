package io.workerplatform.cron;

import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInfo;
import io.workerplatform.common.Failures;
import io.workerplatform.common.InvalidInput;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

public class CronJobWorkflowImpl implements CronJobWorkflow {

  /**
   * A job loops over bounded batches and heartbeats between them; a few attempts cover a worker
   * lost mid-run (each batch is idempotent), then the run is recorded failed and the next one
   * comes on schedule.
   */
  static final ActivityOptions JOB =
      ActivityOptions.newBuilder()
          // the job's own time, and up to 3 h of waiting for the database within the attempt
          .setStartToCloseTimeout(Duration.ofHours(6))
          .setHeartbeatTimeout(Duration.ofMinutes(1))
          .setRetryOptions(
              RetryOptions.newBuilder()
                  .setInitialInterval(Duration.ofSeconds(5))
                  .setMaximumAttempts(3)
                  .setDoNotRetry(InvalidInput.TYPE, CronActivities.UNKNOWN_JOB)
                  .build())
          .build();

  static final ActivityOptions RECORD =
      ActivityOptions.newBuilder()
          .setStartToCloseTimeout(Duration.ofSeconds(30))
          .setRetryOptions(RetryOptions.newBuilder().setMaximumInterval(Duration.ofMinutes(1)).build())
          .build();

  @Override
  public CronRunResult run(CronJobInput input) {
    String job = InvalidInput.requireText("job", input == null ? null : input.job());
    WorkflowInfo info = Workflow.getInfo();
    var run =
        new CronActivities.CronRun(
            job, info.getWorkflowId(), info.getRunId(), input.input() == null ? Map.of() : input.input(),
            Instant.ofEpochMilli(Workflow.currentTimeMillis()));
    Workflow.setCurrentDetails("Running " + job);
    CronRunResult result;
    try {
      Map<String, Long> counts =
          Workflow.newActivityStub(
                  CronActivities.class, ActivityOptions.newBuilder(JOB).setSummary(job).build())
              .runJob(run);
      result = new CronRunResult(job, CronRunResult.SUCCEEDED, counts, null);
    } catch (ActivityFailure e) {
      result = new CronRunResult(job, CronRunResult.FAILED, Map.of(), Failures.describe(e));
    }
    // A failed run is recorded and the workflow still completes: the next run comes on schedule.
    Workflow.newActivityStub(
            CronActivities.class, ActivityOptions.newBuilder(RECORD).setSummary("record " + result.outcome()).build())
        .recordOutcome(run, result);
    Workflow.setCurrentDetails(job + " " + result.outcome());
    return result;
  }
}
