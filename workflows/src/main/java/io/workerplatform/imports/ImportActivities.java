package io.workerplatform.imports;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

@ActivityInterface
public interface ImportActivities {
  /** The failure type of an import whose file cannot be read at all (not retried). */
  String FILE_UNREADABLE = "ImportFileUnreadable";

  /** Marks the import running; returns its history bound and its counters so far. */
  @ActivityMethod
  Plan prepare(String importId);

  /**
   * Imports batches of the file from the offset the last committed batch stored, each in its own
   * transaction (rows, row errors, offset and counters together), heartbeating after each, for
   * about a slice of time; a cancel stops it after the batch that is committing. Returns the
   * counters as committed and whether the file is done.
   */
  @ActivityMethod
  Slice importSlice(String importId);

  /** Records the final status and deletes the file's bytes; returns the committed counters. */
  @ActivityMethod
  ImportCounters finish(FinishRequest request);

  record Plan(int continueAsNewAfterEvents, ImportCounters counters) {}

  record Slice(ImportCounters counters, boolean done) {}

  /** {@code reason}: why it failed (a failure type), else null. */
  record FinishRequest(String importId, String status, String reason) {}
}
