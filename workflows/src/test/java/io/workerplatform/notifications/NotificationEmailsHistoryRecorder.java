package io.workerplatform.notifications;

import io.temporal.client.WorkflowOptions;
import io.temporal.worker.Worker;
import io.workerplatform.common.RecordedHistories;
import io.workerplatform.notifications.NotificationEmailActivities.EmailsSent;
import io.workerplatform.notifications.NotificationEmailActivities.EventEmails;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Records the histories {@link NotificationEmailsReplayTest} replays; never overwrites one:
 * {@code ./mvnw -pl workflows test -Dtest=NotificationEmailsHistoryRecorder -Drecord.histories=true}.
 */
@EnabledIfSystemProperty(named = "record.histories", matches = "true")
class NotificationEmailsHistoryRecorder {
  @Test
  void record() {
    String workflowId = NotificationEmailsWorkflow.workflowId("acme", "evt_1");
    RecordedHistories.record("notification-emails-sent", workflowId, env -> {
      Worker worker = env.newWorker(NotificationEmailsWorkflow.TASK_QUEUE);
      worker.registerWorkflowImplementationTypes(NotificationEmailsWorkflowImpl.class);
      worker.registerActivitiesImplementations(new FailingOnceActivities());
      env.start();
      env.getWorkflowClient()
          .newWorkflowStub(
              NotificationEmailsWorkflow.class,
              WorkflowOptions.newBuilder().setWorkflowId(workflowId).setTaskQueue(NotificationEmailsWorkflow.TASK_QUEUE).build())
          .send(new EventEmails("acme", "evt_1"));
    });
  }

  /** SES throttled the first attempt; the second sends (its started event says attempt 2). */
  static class FailingOnceActivities implements NotificationEmailActivities {
    private int attempts;

    @Override
    public EmailsSent sendPending(EventEmails emails) {
      if (attempts++ == 0) {
        throw new IllegalStateException("throttled");
      }
      return new EmailsSent(2, 0, 1);
    }
  }
}
