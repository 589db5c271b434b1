package io.workerplatform.gdpr;

import io.temporal.failure.ApplicationFailure;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Export activities that record their calls in order; {@code failBuild} makes every build fail. */
class RecordingExportActivities implements DataExportActivities {
  enum Failure { NONE, TRANSIENT, PERMANENT }

  final List<String> calls = new CopyOnWriteArrayList<>();
  final List<String> failures = new CopyOnWriteArrayList<>();
  /** When each build attempt was scheduled, in the workflow's (test server's) time. */
  final List<Long> buildScheduledAt = new CopyOnWriteArrayList<>();
  private final Failure failBuild;
  private volatile int unavailable;

  RecordingExportActivities(Failure failBuild) {
    this.failBuild = failBuild;
  }

  @Override
  public void markProcessing(ExportInput input) {
    calls.add("markProcessing " + input.exportId());
  }

  /** The next {@code calls} builds fail as while the database is down, whatever {@code failBuild}. */
  RecordingExportActivities unavailableFor(int calls) {
    this.unavailable = calls;
    return this;
  }

  @Override
  public ExportResult build(ExportInput input) {
    calls.add("build " + input.exportId() + " " + input.contactId());
    buildScheduledAt.add(io.temporal.activity.Activity.getExecutionContext().getInfo().getCurrentAttemptScheduledTimestamp());
    if (unavailable > 0) {
      unavailable--;
      throw new IllegalStateException("Connection to 127.0.0.1:5432 refused");
    }
    return switch (failBuild) {
      case NONE -> new ExportResult(input.exportId(), ExportResult.COMPLETED, 2048, 9, null);
      case TRANSIENT -> throw new IllegalStateException("file storage unavailable");
      case PERMANENT -> throw ApplicationFailure.newNonRetryableFailure("export gone", EXPORT_NOT_FOUND);
    };
  }

  @Override
  public void markFailed(ExportInput input, String reason) {
    calls.add("markFailed " + input.exportId());
    failures.add(reason);
  }
}
