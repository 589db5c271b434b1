package io.workerplatform.gdpr;

import io.temporal.activity.ActivityInterface;

@ActivityInterface
public interface DataExportActivities {
  /** Failure type of an export id that has no row. */
  String EXPORT_NOT_FOUND = "ExportNotFound";

  /** {@code PENDING -> PROCESSING} (a retry finds it there already). */
  void markProcessing(ExportInput input);

  /**
   * Writes the ZIP to file storage and marks the export {@code COMPLETED} with its expiry;
   * heartbeats between entries. A retry writes a fresh archive under the same key.
   */
  ExportResult build(ExportInput input);

  /** Marks the export {@code FAILED} with the reason. */
  void markFailed(ExportInput input, String reason);
}
