package io.workerplatform.signatures;

import io.temporal.testing.WorkflowReplayer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Histories recorded from earlier versions must keep replaying on the current workflow code. */
class SignatureReplayTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "signature-completed",
        "signature-cancelled-late-events",
        "signature-expired",
        "signature-reminded-often",
        "signature-reminders-throttled",
        "signature-continued-as-new",
        "signature-last-run"
      })
  void replays(String history) throws Exception {
    WorkflowReplayer.replayWorkflowExecutionFromResource(
        "histories/" + history + ".json", SignatureWorkflowImpl.class);
  }
}
