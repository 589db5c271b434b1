package io.workerplatform.email;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowOptions;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import io.workerplatform.common.InvalidInput;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class EmailWorkflowTest {
  private TestWorkflowEnvironment env;
  private final List<String> calls = new CopyOnWriteArrayList<>();

  @BeforeEach
  void start() {
    env = TestWorkflowEnvironment.newInstance();
  }

  @AfterEach
  void stop() {
    env.close();
  }

  /** Activities whose send answers {@code send}; give-up records FAILED. */
  private SendEmailResult run(Function<Integer, SendEmailResult> send) {
    Worker worker = env.newWorker(EmailWorkflow.TASK_QUEUE);
    worker.registerWorkflowImplementationTypes(EmailWorkflowImpl.class);
    worker.registerActivitiesImplementations(new EmailActivities() {
      @Override
      public SendEmailResult send(SendEmailRequest request) {
        throw new UnsupportedOperationException();
      }

      @Override
      public SendEmailResult sendRequested(RequestedEmail email) {
        calls.add("send " + email.orgId() + " " + email.emailId());
        return send.apply(calls.size());
      }

      @Override
      public SendEmailResult giveUp(RequestedEmail email, String reason) {
        calls.add("give up " + email.emailId() + ": " + reason);
        return new SendEmailResult("app/acme/k", EmailState.FAILED, null, reason);
      }
    });
    env.start();
    return env.getWorkflowClient()
        .newWorkflowStub(EmailWorkflow.class, WorkflowOptions.newBuilder()
            .setWorkflowId(EmailWorkflow.workflowId("eml_1")).setTaskQueue(EmailWorkflow.TASK_QUEUE).build())
        .send(new RequestedEmail("acme", "eml_1"));
  }

  @Test
  void anEmailIsSentByItsIdsAndATransientFailureIsRetried() {
    SendEmailResult result = run(attempt -> {
      if (attempt == 1) {
        throw ApplicationFailure.newFailure("SES throttled", "SesThrottled");
      }
      return new SendEmailResult("app/acme/k", EmailState.SENT, "ses-1", null);
    });

    assertThat(result.state()).isEqualTo(EmailState.SENT);
    assertThat(calls).containsExactly("send acme eml_1", "send acme eml_1");
  }

  @Test
  void sendingThatNeverSucceedsGivesUpAfterADayAndEndsFailed() {
    SendEmailResult result = run(attempt -> {
      throw ApplicationFailure.newFailure("SES unreachable", "SesUnavailable");
    });

    assertThat(result.state()).isEqualTo(EmailState.FAILED);
    assertThat(calls.getLast()).isEqualTo("give up eml_1: gave up after retrying for 24 hours");
    assertThat(calls.stream().filter(c -> c.startsWith("send")).count()).isGreaterThan(10);
  }

  @Test
  void anUnknownRequestFailsTheWorkflowAtOnceWithNothingToRecord() {
    assertThatThrownBy(() -> run(attempt -> {
      throw ApplicationFailure.newNonRetryableFailure("email eml_1 does not exist", InvalidInput.TYPE, "emailId");
    })).isInstanceOf(WorkflowFailedException.class);

    assertThat(calls).containsExactly("send acme eml_1");
  }
}
