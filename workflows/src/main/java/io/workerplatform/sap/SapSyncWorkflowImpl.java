package io.workerplatform.sap;

import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.Workflow;
import io.workerplatform.common.InvalidInput;
import io.workerplatform.sap.SapSyncActivities.PageResult;
import io.workerplatform.sap.SapSyncActivities.SyncCounts;
import java.time.Duration;

public class SapSyncWorkflowImpl implements SapSyncWorkflow {
  static final int CONTINUE_AS_NEW_AFTER_EVENTS = 1_000;

  /**
   * SAP or the database down: tried for about ten minutes, then the sync ends FAILED with the
   * reason and the next one (its interval later) starts from the watermark; refused credentials
   * and refused URLs are not retried.
   */
  static final ActivityOptions OPTIONS = ActivityOptions.newBuilder()
      .setStartToCloseTimeout(Duration.ofMinutes(2))
      .setRetryOptions(RetryOptions.newBuilder()
          .setInitialInterval(Duration.ofSeconds(1))
          .setBackoffCoefficient(2)
          .setMaximumInterval(Duration.ofMinutes(1))
          .setMaximumAttempts(15)
          .setDoNotRetry(InvalidInput.TYPE, SapSyncActivities.UNAUTHORIZED, SapSyncActivities.REFUSED)
          .build())
      .build();

  private final SapSyncActivities activities = Workflow.newActivityStub(SapSyncActivities.class, OPTIONS);

  @Override
  public SyncResult run(SyncInput input) {
    String orgId = InvalidInput.requireText("orgId", input == null ? null : input.orgId());
    // the first run's id names the sync's run row, carried across continue-as-new
    String runId = input.runId() != null ? input.runId() : "sap_" + Workflow.getInfo().getRunId();
    String error = null;
    try {
      if (input.runId() == null) {
        activities.startRun(orgId, runId);
      }
      while (true) {
        if (Workflow.getInfo().getHistoryLength() > CONTINUE_AS_NEW_AFTER_EVENTS
            || Workflow.getInfo().isContinueAsNewSuggested()) {
          Workflow.continueAsNew(new SyncInput(orgId, runId));
        }
        PageResult page = activities.syncPage(orgId, runId);
        Workflow.setCurrentDetails("sync " + runId + ": page written (" + page.created() + " created, "
            + page.updated() + " updated, " + page.failed() + " failed)");
        if (!page.more()) {
          break;
        }
      }
    } catch (ActivityFailure failure) {
      error = failure.getCause() instanceof ApplicationFailure app
          ? app.getType() + ": " + app.getOriginalMessage()
          : failure.getCause().getClass().getSimpleName();
    }
    String status = error == null ? COMPLETED : FAILED;
    SyncCounts counts = activities.finishRun(runId, status, error);
    return new SyncResult(orgId, runId, status, counts.created(), counts.updated(), counts.failed(), error);
  }
}
