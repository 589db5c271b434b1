package io.workerplatform.bulksends;

import io.temporal.testing.WorkflowReplayer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Histories recorded from earlier versions must keep replaying on the current workflow code. */
class BulkSendReplayTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "bulk-send-continued-as-new", "bulk-send-last-run", "bulk-send-paused-cancelled", "bulk-send-scheduled",
        "bulk-send-scheduled-cancelled"
      })
  void replays(String history) throws Exception {
    WorkflowReplayer.replayWorkflowExecutionFromResource(
        "histories/" + history + ".json", BulkSendWorkflowImpl.class);
  }
}
