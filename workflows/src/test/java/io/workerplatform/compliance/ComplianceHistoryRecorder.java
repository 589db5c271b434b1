package io.workerplatform.compliance;

import io.temporal.client.WorkflowOptions;
import io.temporal.failure.ApplicationFailure;
import io.temporal.worker.Worker;
import io.workerplatform.common.RecordedHistories;
import io.workerplatform.compliance.ComplianceActivities.ComplianceOutcome;
import io.workerplatform.compliance.ComplianceActivities.ComplianceRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Records the histories {@link ComplianceReplayTest} replays; never overwrites one:
 * {@code ./mvnw -pl workflows test -Dtest=ComplianceHistoryRecorder -Drecord.histories=true}.
 */
@EnabledIfSystemProperty(named = "record.histories", matches = "true")
class ComplianceHistoryRecorder {
  @Test
  void retried() {
    record("compliance-refresh-retried", 1);
  }

  @Test
  void failed() {
    record("compliance-refresh-failed", Integer.MAX_VALUE);
  }

  private static void record(String name, int failures) {
    String workflowId = ComplianceRefreshWorkflow.workflowId("cmp_" + name);
    RecordedHistories.record(name, workflowId, env -> {
      Worker worker = env.newWorker(ComplianceRefreshWorkflow.TASK_QUEUE);
      worker.registerWorkflowImplementationTypes(ComplianceRefreshWorkflowImpl.class);
      worker.registerActivitiesImplementations(new ComplianceActivities() {
        private int attempts;

        @Override
        public ComplianceOutcome refresh(ComplianceRun run) {
          if (attempts++ < failures) {
            throw ApplicationFailure.newFailure("database away", "DatabaseUnavailable");
          }
          return new ComplianceOutcome(run.runId(), "COMPLETED", 45, "RED");
        }

        @Override
        public ComplianceOutcome fail(ComplianceRun run, String reason) {
          return new ComplianceOutcome(run.runId(), "FAILED", null, null);
        }
      });
      env.start();
      env.getWorkflowClient()
          .newWorkflowStub(ComplianceRefreshWorkflow.class, WorkflowOptions.newBuilder().setWorkflowId(workflowId)
              .setTaskQueue(ComplianceRefreshWorkflow.TASK_QUEUE).build())
          .refresh(new ComplianceRun("acme", "cmp_" + name));
    });
  }
}
