package io.workerplatform.email;

import io.temporal.client.WorkflowOptions;
import io.temporal.failure.ApplicationFailure;
import io.temporal.worker.Worker;
import io.workerplatform.common.RecordedHistories;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Records the histories {@link EmailReplayTest} replays; never overwrites one:
 * {@code ./mvnw -pl workflows test -Dtest=EmailHistoryRecorder -Drecord.histories=true}.
 */
@EnabledIfSystemProperty(named = "record.histories", matches = "true")
class EmailHistoryRecorder {
  @Test
  void sentAfterARetry() {
    record("email-sent-retried", new Activities(1));
  }

  @Test
  void gaveUp() {
    record("email-gave-up", new Activities(Integer.MAX_VALUE));
  }

  private static void record(String name, Activities activities) {
    String workflowId = EmailWorkflow.workflowId("eml_" + name);
    RecordedHistories.record(name, workflowId, env -> {
      Worker worker = env.newWorker(EmailWorkflow.TASK_QUEUE);
      worker.registerWorkflowImplementationTypes(EmailWorkflowImpl.class);
      worker.registerActivitiesImplementations(activities);
      env.start();
      env.getWorkflowClient()
          .newWorkflowStub(EmailWorkflow.class,
              WorkflowOptions.newBuilder().setWorkflowId(workflowId).setTaskQueue(EmailWorkflow.TASK_QUEUE).build())
          .send(new RequestedEmail("acme", "eml_" + name));
    });
  }

  /** SES throttles the first {@code failures} attempts. */
  static class Activities implements EmailActivities {
    private final int failures;
    private int attempts;

    Activities(int failures) {
      this.failures = failures;
    }

    @Override
    public SendEmailResult send(SendEmailRequest request) {
      throw new UnsupportedOperationException();
    }

    @Override
    public SendEmailResult sendRequested(RequestedEmail email) {
      if (attempts++ < failures) {
        throw ApplicationFailure.newFailure("SES throttled", "SesThrottled");
      }
      return new SendEmailResult("app/acme/" + email.emailId(), EmailState.SENT, "ses-1", null);
    }

    @Override
    public SendEmailResult giveUp(RequestedEmail email, String reason) {
      return new SendEmailResult("app/acme/" + email.emailId(), EmailState.FAILED, null, reason);
    }
  }
}
