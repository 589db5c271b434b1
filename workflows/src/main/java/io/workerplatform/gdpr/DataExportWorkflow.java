package io.workerplatform.gdpr;

import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import io.workerplatform.common.TaskQueues;

/**
 * A GDPR data export (art. 15/20): {@code gdpr-export/<exportId>} on queue {@code gdpr}. The status
 * moves {@code PENDING -> PROCESSING -> COMPLETED | FAILED} in the export's row.
 */
@WorkflowInterface
public interface DataExportWorkflow {
  String TASK_QUEUE = TaskQueues.GDPR;

  static String workflowId(String exportId) {
    return "gdpr-export/" + exportId;
  }

  @WorkflowMethod
  ExportResult run(ExportInput input);
}
