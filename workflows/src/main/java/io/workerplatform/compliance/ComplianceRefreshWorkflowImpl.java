package io.workerplatform.compliance;

import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.Workflow;
import io.workerplatform.common.Failures;
import io.workerplatform.common.InvalidInput;
import io.workerplatform.compliance.ComplianceActivities.ComplianceOutcome;
import io.workerplatform.compliance.ComplianceActivities.ComplianceRun;
import java.time.Duration;

public class ComplianceRefreshWorkflowImpl implements ComplianceRefreshWorkflow {
  /** A few set-based queries per source: minutes at most; retried through a database outage. */
  static final ActivityOptions REFRESH_OPTIONS =
      ActivityOptions.newBuilder()
          .setStartToCloseTimeout(Duration.ofMinutes(10))
          .setScheduleToCloseTimeout(Failures.OUTAGE_TOLERANCE)
          .setRetryOptions(RetryOptions.newBuilder()
              .setInitialInterval(Duration.ofSeconds(2))
              .setBackoffCoefficient(2)
              .setMaximumInterval(Failures.MAX_RETRY_INTERVAL)
              .setDoNotRetry(InvalidInput.TYPE)
              .build())
          .setSummary("compute the compliance score")
          .build();

  static final ActivityOptions FAIL_OPTIONS = Failures.recording("record the failed refresh");

  @Override
  public ComplianceOutcome refresh(ComplianceRun run) {
    InvalidInput.requireText("orgId", run == null ? null : run.orgId());
    InvalidInput.requireText("runId", run.runId());
    Workflow.setCurrentDetails("Computing compliance run " + run.runId());
    try {
      ComplianceOutcome outcome = Workflow.newActivityStub(ComplianceActivities.class, REFRESH_OPTIONS).refresh(run);
      Workflow.setCurrentDetails("Score " + outcome.score() + " (" + outcome.level() + ")");
      return outcome;
    } catch (ActivityFailure failure) {
      if (failure.getCause() instanceof ApplicationFailure cause && InvalidInput.TYPE.equals(cause.getType())) {
        throw failure;
      }
      return Workflow.newActivityStub(ComplianceActivities.class, FAIL_OPTIONS)
          .fail(run, "gave up after retrying for " + Failures.OUTAGE_TOLERANCE.toHours() + " hours");
    }
  }
}
