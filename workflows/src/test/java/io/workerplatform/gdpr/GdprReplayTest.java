package io.workerplatform.gdpr;

import io.temporal.testing.WorkflowReplayer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Histories recorded from earlier versions must keep replaying on the current workflow code. */
class GdprReplayTest {

  @ParameterizedTest
  @ValueSource(strings = {"erasure-completed", "erasure-failed"})
  void erasuresReplay(String history) throws Exception {
    WorkflowReplayer.replayWorkflowExecutionFromResource("histories/" + history + ".json", ErasureWorkflowImpl.class);
  }

  @ParameterizedTest
  @ValueSource(strings = {"export-completed", "export-failed"})
  void exportsReplay(String history) throws Exception {
    WorkflowReplayer.replayWorkflowExecutionFromResource("histories/" + history + ".json", DataExportWorkflowImpl.class);
  }
}
