package io.workerplatform.gdpr;

import io.temporal.client.WorkflowOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import io.workerplatform.common.RecordedHistories;
import io.workerplatform.gdpr.RecordingExportActivities.Failure;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Records the histories {@link GdprReplayTest} replays; never overwrites one:
 * {@code ./mvnw -pl workflows test -Dtest=GdprHistoryRecorder -Drecord.histories=true}.
 */
@EnabledIfSystemProperty(named = "record.histories", matches = "true")
class GdprHistoryRecorder {
  @Test
  void record() {
    record("erasure-completed", new RecordingErasureActivities(true), "erasure/ct_1",
        env -> erasure(env, "erasure/ct_1"));
    record("erasure-failed", new RecordingErasureActivities(false), "erasure/ct_x",
        env -> erasure(env, "erasure/ct_x"));
    record("export-completed", new RecordingExportActivities(Failure.NONE), "gdpr-export/exp_1",
        env -> export(env, "gdpr-export/exp_1"));
    record("export-failed", new RecordingExportActivities(Failure.PERMANENT), "gdpr-export/exp_2",
        env -> export(env, "gdpr-export/exp_2"));
  }

  private static void erasure(TestWorkflowEnvironment env, String workflowId) {
    String contactId = workflowId.substring(workflowId.indexOf('/') + 1);
    try {
      env.getWorkflowClient()
          .newWorkflowStub(ErasureWorkflow.class, options(workflowId))
          .run(new ErasureInput("org-a", contactId));
    } catch (RuntimeException failedAsRecorded) {
      // the failed history is what is kept
    }
  }

  private static void export(TestWorkflowEnvironment env, String workflowId) {
    String exportId = workflowId.substring(workflowId.indexOf('/') + 1);
    try {
      env.getWorkflowClient()
          .newWorkflowStub(DataExportWorkflow.class, options(workflowId))
          .run(new ExportInput(exportId, "org-a", "ct_1"));
    } catch (RuntimeException failedAsRecorded) {
      // the failed history is what is kept
    }
  }

  private static WorkflowOptions options(String workflowId) {
    return WorkflowOptions.newBuilder().setWorkflowId(workflowId).setTaskQueue(ErasureWorkflow.TASK_QUEUE).build();
  }

  private static void record(String name, Object activities, String workflowId, Consumer<TestWorkflowEnvironment> run) {
    RecordedHistories.record(name, workflowId, env -> {
      Worker worker = env.newWorker(ErasureWorkflow.TASK_QUEUE);
      worker.registerWorkflowImplementationTypes(ErasureWorkflowImpl.class, DataExportWorkflowImpl.class);
      worker.registerActivitiesImplementations(activities);
      env.start();
      run.accept(env);
    });
  }
}
