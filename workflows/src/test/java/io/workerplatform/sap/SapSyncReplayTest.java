package io.workerplatform.sap;

import io.temporal.testing.WorkflowReplayer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Histories recorded from earlier versions must keep replaying on the current workflow code. */
class SapSyncReplayTest {

  @ParameterizedTest
  @ValueSource(strings = {"sap-sync-completed", "sap-sync-failed"})
  void replays(String history) throws Exception {
    WorkflowReplayer.replayWorkflowExecutionFromResource("histories/" + history + ".json", SapSyncWorkflowImpl.class);
  }
}
