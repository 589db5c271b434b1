package io.workerplatform.webhooks;

import io.temporal.testing.WorkflowReplayer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Recorded bulk actions keep replaying on the current workflow code. */
class DeliveryBulkActionReplayTest {

  @ParameterizedTest
  @ValueSource(strings = {"webhook-bulk-action-completed"})
  void replays(String history) throws Exception {
    WorkflowReplayer.replayWorkflowExecutionFromResource(
        "histories/" + history + ".json", DeliveryBulkActionWorkflowImpl.class);
  }
}
