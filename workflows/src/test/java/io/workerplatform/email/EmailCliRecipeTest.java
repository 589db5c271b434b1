package io.workerplatform.email;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import io.workerplatform.common.CliRecipes;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** docs/email-and-bulk-sends.md's recipe for an application email, sent as the CLI sends it. */
class EmailCliRecipeTest {

  @RegisterExtension
  static final TestWorkflowExtension testWorkflow = TestWorkflowExtension.newBuilder()
      .registerWorkflowImplementationTypes(EmailWorkflowImpl.class)
      .setDoNotStart(true)
      .build();

  @Test
  void theStartRecipeSendsTheStoredEmailByItsIds(TestWorkflowEnvironment env, Worker unused) throws Exception {
    CliRecipes.StartRecipe start = CliRecipes.startRecipes().stream()
        .filter(r -> "EmailWorkflow".equals(r.type())).findFirst().orElseThrow();
    List<RequestedEmail> sent = new ArrayList<>();
    Worker worker = env.newWorker(EmailWorkflow.TASK_QUEUE); // the recipe names the real queue
    worker.registerWorkflowImplementationTypes(EmailWorkflowImpl.class);
    worker.registerActivitiesImplementations(new EmailActivities() {
      @Override
      public SendEmailResult send(SendEmailRequest request) {
        throw new UnsupportedOperationException();
      }

      @Override
      public SendEmailResult sendRequested(RequestedEmail email) {
        sent.add(email);
        return new SendEmailResult("app/acme/" + email.emailId(), EmailState.SENT, "ses-1", null);
      }

      @Override
      public SendEmailResult giveUp(RequestedEmail email, String reason) {
        throw new UnsupportedOperationException();
      }
    });
    env.start();
    assertThat(start.taskQueue()).isEqualTo(EmailWorkflow.TASK_QUEUE);

    CliRecipes.start(env.getWorkflowServiceStubs(), env.getNamespace(), start);

    SendEmailResult result =
        env.getWorkflowClient().newUntypedWorkflowStub(start.workflowId()).getResult(SendEmailResult.class);
    assertThat(result.state()).isEqualTo(EmailState.SENT);
    assertThat(sent).containsExactly(new RequestedEmail("acme", "eml_123"));
    assertThat(start.workflowId()).isEqualTo(EmailWorkflow.workflowId("eml_123"));
  }
}
