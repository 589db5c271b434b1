package io.workerplatform.signatures;

import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import io.workerplatform.common.RecordedHistories;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Records the histories {@link SignatureReplayTest} replays. Run it for a new history, never to
 * overwrite an old one (they are the compatibility check):
 * {@code ./mvnw -pl workflows test -Dtest=SignatureHistoryRecorder -Drecord.histories=true}.
 */
@EnabledIfSystemProperty(named = "record.histories", matches = "true")
class SignatureHistoryRecorder {
  @Test
  void record() throws Exception {
    // Two reminders, one signer after the other, the document stored.
    record("signature-completed", new RecordingSignatureActivities("ct_a", "ct_b"), (env, workflow) -> {
      env.sleep(Duration.ofDays(7));
      workflow.signed(new SignerEvent("ct_a"));
      workflow.remind();
      workflow.signed(new SignerEvent("ct_b"));
    });
    // Cancelled while waiting; events arriving during the cancellation are only counted.
    var cancelled = new RecordingSignatureActivities("ct_a");
    cancelled.holdCancel = new CountDownLatch(1);
    record("signature-cancelled-late-events", cancelled, (env, workflow) -> {
      env.sleep(Duration.ofDays(1));
      workflow.cancel();
      try {
        SignatureWorkflowTest.awaitCall(cancelled, "cancelAtProvider");
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
      workflow.signed(new SignerEvent("ct_a"));
      workflow.completed();
      cancelled.holdCancel.countDown();
    });
    // No answer before expiry: checked at the provider, then cancelled there.
    record("signature-expired", new RecordingSignatureActivities("ct_a"), (env, workflow) -> {});
    // Before reminders were throttled: every remind signal called the provider.
    var reminded = new RecordingSignatureActivities("ct_a");
    record("signature-reminded-often", reminded, (env, workflow) -> {
      for (int i = 0; i < 5; i++) {
        workflow.remind();
      }
      for (int i = 0; i < 300 && reminded.times("remind").size() < 5; i++) {
        sleep();
      }
      workflow.completed();
    });
    // Throttled: of five remind signals, one reaches the provider; the rest are counted.
    var throttled = new RecordingSignatureActivities("ct_a");
    record("signature-reminders-throttled", throttled, (env, workflow) -> {
      for (int i = 0; i < 5; i++) {
        workflow.remind();
      }
      for (int i = 0; i < 300 && workflow.status().ignoredEvents() < 4; i++) {
        sleep();
      }
      workflow.completed();
    });
    recordContinuedAsNew();
  }

  /**
   * A provider replaying its callbacks until the run continues as new, then the request completes
   * in the next run: the first run and the last one are recorded.
   */
  private static void recordContinuedAsNew() throws Exception {
    if (RecordedHistories.recorded("signature-continued-as-new")) {
      return;
    }
    try (TestWorkflowEnvironment env = TestWorkflowEnvironment.newInstance()) {
      Worker worker = env.newWorker(SignatureWorkflow.TASK_QUEUE);
      worker.registerWorkflowImplementationTypes(SignatureWorkflowImpl.class);
      String id = "sr_continued";
      SignatureWorkflow workflow =
          SignatureWorkflowTest.start(
              env, worker, new RecordingSignatureActivities("ct_a", "ct_b"), new SignatureInput(id, "org_recorded", 3, 10));
      SignatureWorkflowTest.awaitState(workflow, SignatureWorkflow.AWAITING_SIGNATURES);
      workflow.signed(new SignerEvent("ct_a"));
      String workflowId = SignatureWorkflow.workflowId(id);
      for (int burst = 0; burst < 12; burst++) {
        for (int i = 0; i < 50; i++) {
          workflow.signed(new SignerEvent("ct_a"));
          workflow.remind();
        }
        for (int i = 0; i < 500 && workflow.status().ignoredEvents() < 100 * (burst + 1) - 1; i++) {
          sleep();
        }
      }
      for (int i = 0; i < 500 && !continued(env, workflowId); i++) {
        sleep();
      }
      workflow.signed(new SignerEvent("ct_b"));
      SignatureWorkflowTest.result(env, id);
      var last = env.getWorkflowClient().fetchHistory(workflowId);
      var first = last;
      while (!first.getEvents().get(0).getWorkflowExecutionStartedEventAttributes().getContinuedExecutionRunId().isEmpty()) {
        first =
            env.getWorkflowClient()
                .fetchHistory(
                    workflowId,
                    first.getEvents().get(0).getWorkflowExecutionStartedEventAttributes().getContinuedExecutionRunId());
      }
      RecordedHistories.keep("signature-continued-as-new", first);
      RecordedHistories.keep("signature-last-run", last);
    }
  }

  private static boolean continued(TestWorkflowEnvironment env, String workflowId) {
    return !env.getWorkflowClient()
        .fetchHistory(workflowId)
        .getEvents()
        .get(0)
        .getWorkflowExecutionStartedEventAttributes()
        .getContinuedExecutionRunId()
        .isEmpty();
  }

  private static void sleep() {
    try {
      Thread.sleep(20);
    } catch (InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void record(
      String name,
      RecordingSignatureActivities activities,
      BiConsumer<TestWorkflowEnvironment, SignatureWorkflow> events) {
    String id = "sr_" + name.replace('-', '_');
    RecordedHistories.record(name, SignatureWorkflow.workflowId(id), env -> {
      Worker worker = env.newWorker(SignatureWorkflow.TASK_QUEUE);
      worker.registerWorkflowImplementationTypes(SignatureWorkflowImpl.class);
      SignatureWorkflow workflow =
          SignatureWorkflowTest.start(env, worker, activities, new SignatureInput(id, "org_recorded", 3, 10));
      try {
        SignatureWorkflowTest.awaitState(workflow, SignatureWorkflow.AWAITING_SIGNATURES);
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
      events.accept(env, workflow);
      SignatureWorkflowTest.result(env, id);
    });
  }
}
