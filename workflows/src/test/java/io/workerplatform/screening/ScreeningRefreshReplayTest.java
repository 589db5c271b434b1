package io.workerplatform.screening;

import io.temporal.testing.WorkflowReplayer;
import org.junit.jupiter.api.Test;

/** Histories recorded from earlier versions must keep replaying on the current workflow code. */
class ScreeningRefreshReplayTest {

  @Test
  void replays() throws Exception {
    WorkflowReplayer.replayWorkflowExecutionFromResource(
        "histories/screening-refresh-retried.json", ScreeningRefreshWorkflowImpl.class);
  }
}
