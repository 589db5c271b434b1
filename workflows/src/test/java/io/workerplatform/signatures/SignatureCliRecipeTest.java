package io.workerplatform.signatures;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.client.WorkflowStub;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import io.workerplatform.common.CliRecipes;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The documented start, signal (provider events by hand) and steering recipes, as raw JSON. */
class SignatureCliRecipeTest {

  @RegisterExtension
  static final TestWorkflowExtension testWorkflow =
      TestWorkflowExtension.newBuilder()
          .registerWorkflowImplementationTypes(SignatureWorkflowImpl.class)
          .setDoNotStart(true)
          .build();

  /** What each documented signal does to a request whose signers are ct_alice and ct_bob. */
  private static final Map<String, String> STATE_AFTER =
      Map.of(
          "signed", SignatureWorkflow.AWAITING_SIGNATURES,
          "remind", SignatureWorkflow.AWAITING_SIGNATURES,
          "completed", SignatureWorkflow.COMPLETED,
          "declined", SignatureWorkflow.DECLINED,
          "expired", SignatureWorkflow.EXPIRED,
          "error", SignatureWorkflow.FAILED,
          "cancel", SignatureWorkflow.CANCELLED);

  @Test
  void theDocumentedRecipesStartAndSignalFromRawJson(TestWorkflowEnvironment env, Worker unused)
      throws Exception {
    CliRecipes.StartRecipe start =
        CliRecipes.startRecipes().stream()
            .filter(r -> "SignatureWorkflow".equals(r.type()))
            .findFirst()
            .orElseThrow();
    List<CliRecipes.SignalRecipe> signals =
        CliRecipes.signalRecipes().stream()
            .filter(r -> r.workflowId().equals(start.workflowId()))
            .toList();
    assertThat(signals).extracting(CliRecipes.SignalRecipe::name).containsAll(STATE_AFTER.keySet());
    assertThat(start.taskQueue()).isEqualTo(SignatureWorkflow.TASK_QUEUE);
    String id = start.workflowId().substring("signature/".length());
    assertThat(start.workflowId()).isEqualTo(SignatureWorkflow.workflowId(id));
    var activities = new RecordingSignatureActivities("ct_alice", "ct_bob");
    Worker worker = env.newWorker(SignatureWorkflow.TASK_QUEUE);
    worker.registerWorkflowImplementationTypes(SignatureWorkflowImpl.class);
    worker.registerActivitiesImplementations(activities);
    env.start();

    for (CliRecipes.SignalRecipe signal : signals) {
      CliRecipes.start(env.getWorkflowServiceStubs(), env.getNamespace(), start);
      SignatureWorkflow workflow =
          env.getWorkflowClient().newWorkflowStub(SignatureWorkflow.class, start.workflowId());
      SignatureWorkflowTest.awaitState(workflow, SignatureWorkflow.AWAITING_SIGNATURES);

      CliRecipes.signal(env.getWorkflowServiceStubs(), env.getNamespace(), signal);

      String expected = STATE_AFTER.get(signal.name());
      SignatureStatus status;
      if (expected.equals(SignatureWorkflow.AWAITING_SIGNATURES)) {
        status = workflow.status();
        for (int i = 0; i < 150 && !effectSeen(signal.name(), status); i++) {
          Thread.sleep(20);
          status = workflow.status();
        }
        workflow.cancel(); // close this run before the next recipe starts the id again
        WorkflowStub.fromTyped(workflow).getResult(SignatureStatus.class);
      } else {
        status = WorkflowStub.fromTyped(workflow).getResult(SignatureStatus.class);
      }
      assertThat(status.signatureRequestId()).as(signal.name()).isEqualTo(id);
      assertThat(status.state()).as(signal.name()).isEqualTo(expected);
      assertThat(effectSeen(signal.name(), status)).as(signal.name() + ": " + status).isTrue();
    }
  }

  private static boolean effectSeen(String signal, SignatureStatus status) {
    return switch (signal) {
      case "signed" ->
          status.signers().contains(new SignatureStatus.Signer("ct_alice", SignatureWorkflow.SIGNER_SIGNED));
      case "remind" -> status.remindersSent() == 1;
      default -> true;
    };
  }
}
