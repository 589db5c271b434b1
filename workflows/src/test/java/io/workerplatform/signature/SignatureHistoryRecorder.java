package io.workerplatform.signature;

import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.nio.file.Files;
import java.nio.file.Path;
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
  private static final Path DIR = Path.of("src/test/resources/histories");

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
  }

  private static void record(
      String name,
      RecordingSignatureActivities activities,
      BiConsumer<TestWorkflowEnvironment, SignatureWorkflow> events)
      throws Exception {
    Path file = DIR.resolve(name + ".json");
    if (Files.exists(file)) {
      return; // recorded histories are never overwritten
    }
    try (TestWorkflowEnvironment env = TestWorkflowEnvironment.newInstance()) {
      Worker worker = env.newWorker(SignatureWorkflow.TASK_QUEUE);
      worker.registerWorkflowImplementationTypes(SignatureWorkflowImpl.class);
      String id = "sr_" + name.replace('-', '_');
      SignatureWorkflow workflow =
          SignatureWorkflowTest.start(env, worker, activities, new SignatureInput(id, "org_recorded", 3, 10));
      SignatureWorkflowTest.awaitState(workflow, SignatureWorkflow.AWAITING_SIGNATURES);
      events.accept(env, workflow);
      SignatureWorkflowTest.result(env, id);
      Files.createDirectories(DIR);
      Files.writeString(
          file, env.getWorkflowClient().fetchHistory(SignatureWorkflow.workflowId(id)).toJson(true));
    }
  }
}
