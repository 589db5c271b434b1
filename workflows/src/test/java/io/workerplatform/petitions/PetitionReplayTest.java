package io.workerplatform.petitions;

import io.temporal.testing.WorkflowReplayer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Histories recorded from earlier versions must keep replaying on the current workflow code. */
class PetitionReplayTest {

  @ParameterizedTest
  @ValueSource(strings = {"petition-close-closed", "petition-close-rescheduled-cancelled", "petition-close-stored-time-decides"})
  void closingTimersReplay(String history) throws Exception {
    WorkflowReplayer.replayWorkflowExecutionFromResource("histories/" + history + ".json", PetitionCloseWorkflowImpl.class);
  }
}
