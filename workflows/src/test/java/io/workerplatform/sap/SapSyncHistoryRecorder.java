package io.workerplatform.sap;

import io.temporal.worker.Worker;
import io.workerplatform.common.RecordedHistories;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Records the histories {@link SapSyncReplayTest} replays (never re-record them):
 * {@code ./mvnw -pl workflows test -Dtest=SapSyncHistoryRecorder -Drecord.histories=true}.
 */
@EnabledIfSystemProperty(named = "record.histories", matches = "true")
class SapSyncHistoryRecorder {
  @Test
  void record() {
    RecordedHistories.record("sap-sync-completed", SapSyncWorkflow.workflowId("org_sap"), env -> {
      Worker worker = env.newWorker(SapSyncWorkflow.TASK_QUEUE);
      worker.registerWorkflowImplementationTypes(SapSyncWorkflowImpl.class);
      SapSyncWorkflowTest.run(env, worker, new SapSyncWorkflowTest.Activities(3, 0), "org_sap");
    });
    RecordedHistories.record("sap-sync-failed", SapSyncWorkflow.workflowId("org_sap_failed"), env -> {
      Worker worker = env.newWorker(SapSyncWorkflow.TASK_QUEUE);
      worker.registerWorkflowImplementationTypes(SapSyncWorkflowImpl.class);
      SapSyncWorkflowTest.run(env, worker, new SapSyncWorkflowTest.Activities(3, 2), "org_sap_failed");
    });
  }
}
