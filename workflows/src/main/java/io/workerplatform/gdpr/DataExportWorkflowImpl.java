package io.workerplatform.gdpr;

import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.workflow.Workflow;
import io.workerplatform.common.Failures;
import io.workerplatform.common.InvalidInput;
import java.time.Duration;

public class DataExportWorkflowImpl implements DataExportWorkflow {

  private static final RetryOptions UNTIL_IT_LANDS =
      RetryOptions.newBuilder()
          .setMaximumInterval(Duration.ofMinutes(1))
          .setDoNotRetry(InvalidInput.TYPE, DataExportActivities.EXPORT_NOT_FOUND)
          .build();

  /** Status changes: one short statement each, retried until they land. */
  static final ActivityOptions STATUS =
      ActivityOptions.newBuilder()
          .setStartToCloseTimeout(Duration.ofSeconds(30))
          .setRetryOptions(UNTIL_IT_LANDS)
          .build();

  /**
   * Building reads an organization's rows and files: long, so it heartbeats. It is retried for up
   * to a day (a lost worker, a database or file-store outage, a bug fixed and deployed meanwhile);
   * then the export is marked failed rather than retried forever.
   */
  static final ActivityOptions BUILD =
      ActivityOptions.newBuilder()
          .setStartToCloseTimeout(Duration.ofMinutes(30))
          .setHeartbeatTimeout(Duration.ofMinutes(1))
          .setScheduleToCloseTimeout(Failures.OUTAGE_TOLERANCE)
          .setRetryOptions(
              RetryOptions.newBuilder(UNTIL_IT_LANDS)
                  .setInitialInterval(Duration.ofSeconds(5))
                  .setMaximumInterval(Failures.MAX_RETRY_INTERVAL)
                  .build())
          .build();

  private final DataExportActivities status = Workflow.newActivityStub(DataExportActivities.class, STATUS);
  private final DataExportActivities builder = Workflow.newActivityStub(DataExportActivities.class, BUILD);

  @Override
  public ExportResult run(ExportInput input) {
    String exportId = InvalidInput.requireText("exportId", input == null ? null : input.exportId());
    InvalidInput.requireText("orgId", input.orgId());
    status.markProcessing(input);
    Workflow.setCurrentDetails("Building export " + exportId);
    try {
      ExportResult result = builder.build(input);
      Workflow.setCurrentDetails("Export " + exportId + " ready: " + result.entries() + " entries");
      return result;
    } catch (ActivityFailure e) {
      status.markFailed(input, Failures.describe(e));
      Workflow.setCurrentDetails("Export " + exportId + " failed");
      throw e; // the workflow fails too, so the Web UI and the CLI show it

    }
  }
}
