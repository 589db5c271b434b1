package io.workerplatform.email;

import io.temporal.testing.WorkflowReplayer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Histories recorded from earlier versions must keep replaying on the current workflow code. */
class EmailReplayTest {

  @ParameterizedTest
  @ValueSource(strings = {"email-sent-retried", "email-gave-up"})
  void emailsReplay(String history) throws Exception {
    WorkflowReplayer.replayWorkflowExecutionFromResource("histories/" + history + ".json", EmailWorkflowImpl.class);
  }
}
