package io.workerplatform.compliance;

import io.temporal.testing.WorkflowReplayer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Histories recorded from earlier versions must keep replaying on the current workflow code. */
class ComplianceReplayTest {

  @ParameterizedTest
  @ValueSource(strings = {"compliance-refresh-retried", "compliance-refresh-failed"})
  void complianceRefreshesReplay(String history) throws Exception {
    WorkflowReplayer.replayWorkflowExecutionFromResource(
        "histories/" + history + ".json", ComplianceRefreshWorkflowImpl.class);
  }
}
