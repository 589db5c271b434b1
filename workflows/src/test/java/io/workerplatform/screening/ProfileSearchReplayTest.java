package io.workerplatform.screening;

import io.temporal.testing.WorkflowReplayer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Histories recorded from earlier versions must keep replaying on the current workflow code. */
class ProfileSearchReplayTest {

  @ParameterizedTest
  @ValueSource(strings = {
      "profile-search-continued-as-new", "profile-search-last-run", "profile-search-paused-cancelled",
      "profile-search-failed"})
  void replays(String history) throws Exception {
    WorkflowReplayer.replayWorkflowExecutionFromResource("histories/" + history + ".json", ProfileSearchWorkflowImpl.class);
  }
}
