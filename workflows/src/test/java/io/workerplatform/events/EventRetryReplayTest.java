package io.workerplatform.events;

import io.temporal.testing.WorkflowReplayer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Histories recorded from earlier versions must keep replaying on the current workflow code. */
class EventRetryReplayTest {

  @ParameterizedTest
  @ValueSource(strings = {"event-retry-repaired", "event-retry-failed-again"})
  void eventRetriesReplay(String history) throws Exception {
    WorkflowReplayer.replayWorkflowExecutionFromResource("histories/" + history + ".json", EventRetryWorkflowImpl.class);
  }
}
