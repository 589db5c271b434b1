package io.workerplatform.cron;

import io.temporal.testing.WorkflowReplayer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Histories recorded from earlier versions must keep replaying on the current workflow code. */
class CronJobReplayTest {

  @ParameterizedTest
  @ValueSource(strings = {"cron-run-succeeded", "cron-run-failed"})
  void replays(String history) throws Exception {
    WorkflowReplayer.replayWorkflowExecutionFromResource("histories/" + history + ".json", CronJobWorkflowImpl.class);
  }
}
