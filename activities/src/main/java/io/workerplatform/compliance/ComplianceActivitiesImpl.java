package io.workerplatform.compliance;

import io.temporal.failure.ApplicationFailure;
import io.workerplatform.common.InvalidInput;
import io.workerplatform.compliance.ComplianceStore.Run;

public class ComplianceActivitiesImpl implements ComplianceActivities {
  private final ComplianceRefresh refresh;

  public ComplianceActivitiesImpl(ComplianceRefresh refresh) {
    this.refresh = refresh;
  }

  @Override
  public ComplianceOutcome refresh(ComplianceRun run) {
    require(run);
    try {
      return outcome(refresh.compute(run.orgId(), run.runId()));
    } catch (ComplianceRefresh.UnknownRunException e) {
      throw ApplicationFailure.newNonRetryableFailure(e.getMessage(), InvalidInput.TYPE, "runId");
    }
  }

  @Override
  public ComplianceOutcome fail(ComplianceRun run, String reason) {
    require(run);
    try {
      return outcome(refresh.fail(run.orgId(), run.runId(), InvalidInput.requireText("reason", reason)));
    } catch (ComplianceRefresh.UnknownRunException e) {
      throw ApplicationFailure.newNonRetryableFailure(e.getMessage(), InvalidInput.TYPE, "runId");
    }
  }

  private static void require(ComplianceRun run) {
    InvalidInput.requireText("orgId", run == null ? null : run.orgId());
    InvalidInput.requireText("runId", run.runId());
  }

  private static ComplianceOutcome outcome(Run run) {
    return new ComplianceOutcome(run.id(), run.status(), run.score(), run.level());
  }
}
