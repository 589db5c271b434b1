package io.workerplatform.events;

import io.temporal.testing.WorkflowReplayer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Histories recorded from earlier versions must keep replaying on the current workflow code. */
class DomainEventReplayTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "domain-event-processed",
        "domain-event-handler-retried",
        "domain-event-scheduled",
        "domain-event-cancelled",
        "domain-event-ordered",
        "domain-event-ordered-bounded-wait",
        "domain-event-gave-up-released",
        "domain-event-handler-waited-for-database"
      })
  void replays(String history) throws Exception {
    WorkflowReplayer.replayWorkflowExecutionFromResource(
        "histories/" + history + ".json", DomainEventWorkflowImpl.class);
  }
}
