package io.workerplatform.imports;

import io.temporal.testing.WorkflowReplayer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Histories recorded from earlier versions must keep replaying on the current workflow code. */
class ImportReplayTest {

  @ParameterizedTest
  @ValueSource(strings = {"import-continued-as-new", "import-last-run", "import-paused-cancelled", "import-failed"})
  void replays(String history) throws Exception {
    WorkflowReplayer.replayWorkflowExecutionFromResource("histories/" + history + ".json", ImportWorkflowImpl.class);
  }
}
