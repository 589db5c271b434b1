package io.workerplatform.imports;

import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * An import (the old {@code worker:tasks} import): reads its CSV file in batches, each batch's
 * rows, row errors and the offset of the next batch committed together by one activity, so a
 * crashed worker resumes from the last committed batch and no row is written twice. The history
 * holds ids and counters only; it continues as new before it grows large. Pausable, resumable and
 * cancellable.
 */
@WorkflowInterface
public interface ImportWorkflow {
  String TASK_QUEUE = "imports";

  String RUNNING = "RUNNING";
  String PAUSED = "PAUSED";
  String CANCELLING = "CANCELLING";
  String COMPLETED = "COMPLETED";
  String CANCELLED = "CANCELLED";
  /** The file could not be read at all (gone from the storage): rows committed before stay. */
  String FAILED = "FAILED";

  static String workflowId(String importId) {
    return "import/" + importId;
  }

  @WorkflowMethod
  ImportProgress run(ImportInput input);

  /** Stops after the batch in flight commits, until {@link #resume()}. */
  @SignalMethod
  void pause();

  @SignalMethod
  void resume();

  /** Ends the import {@code CANCELLED} after the batch in flight commits; the rows written stay. */
  @SignalMethod
  void cancel();

  @QueryMethod
  ImportProgress progress();
}
