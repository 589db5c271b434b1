package io.workerplatform.cron;

import io.workerplatform.common.TaskQueues;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * One run of a configured job. The host starts it as a Temporal cron workflow ({@code cron/<name>},
 * the schedule in its start options and memo), so each run is a fresh execution; a manual run is
 * the same workflow started once as {@code cron/<name>/manual/<timestamp>}.
 */
@WorkflowInterface
public interface CronJobWorkflow {
  String TASK_QUEUE = TaskQueues.CRON;

  /** Memo keys holding the schedule the workflow was started with, read back by the host. */
  String MEMO_SCHEDULE = "schedule";
  String MEMO_TIME_ZONE = "timeZone";

  static String workflowId(String job) {
    return "cron/" + job;
  }

  static String manualWorkflowId(String job, long epochMillis) {
    return "cron/" + job + "/manual/" + epochMillis;
  }

  @WorkflowMethod
  CronRunResult run(CronJobInput input);
}
