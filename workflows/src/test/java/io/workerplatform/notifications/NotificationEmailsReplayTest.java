package io.workerplatform.notifications;

import io.temporal.testing.WorkflowReplayer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Histories recorded from earlier versions must keep replaying on the current workflow code. */
class NotificationEmailsReplayTest {

  @ParameterizedTest
  @ValueSource(strings = {"notification-emails-sent"})
  void notificationEmailsReplay(String history) throws Exception {
    WorkflowReplayer.replayWorkflowExecutionFromResource(
        "histories/" + history + ".json", NotificationEmailsWorkflowImpl.class);
  }
}
