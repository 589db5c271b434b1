package io.workerplatform.petitions;

import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.worker.Worker;
import io.workerplatform.common.RecordedHistories;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Records the histories {@link PetitionReplayTest} replays; never overwrites one:
 * {@code ./mvnw -pl workflows test -Dtest=PetitionHistoryRecorder -Drecord.histories=true}.
 */
@EnabledIfSystemProperty(named = "record.histories", matches = "true")
class PetitionHistoryRecorder {
  @Test
  void record() {
    record("petition-close-closed", "pet_1", false);
    record("petition-close-rescheduled-cancelled", "pet_2", true);
    recordOutOfOrder("petition-close-stored-time-decides", "pet_3");
  }

  /** Version 1: two reschedules in the other order; a MOVED closing waits for the stored time. */
  private static void recordOutOfOrder(String name, String petitionId) {
    String workflowId = PetitionCloseWorkflow.workflowId("acme", petitionId);
    RecordedHistories.record(name, workflowId, env -> {
      Worker worker = env.newWorker(PetitionCloseWorkflow.TASK_QUEUE);
      worker.registerWorkflowImplementationTypes(PetitionCloseWorkflowImpl.class);
      Instant now = Instant.ofEpochMilli(env.currentTimeMillis());
      var activities = new RecordingPetitionActivities(PetitionCloseWorkflow.CLOSED).storing(now.plus(Duration.ofDays(3)));
      worker.registerActivitiesImplementations(activities);
      env.start();
      PetitionCloseWorkflow timer = env.getWorkflowClient().newWorkflowStub(
          PetitionCloseWorkflow.class,
          WorkflowOptions.newBuilder().setWorkflowId(workflowId).setTaskQueue(PetitionCloseWorkflow.TASK_QUEUE).build());
      WorkflowClient.start(timer::run, new PetitionCloseInput("acme", petitionId, now.plus(Duration.ofDays(1))));
      timer.reschedule(new PetitionCloseInput("acme", petitionId, now.plus(Duration.ofDays(3))));
      timer.reschedule(new PetitionCloseInput("acme", petitionId, now.plus(Duration.ofDays(2))));
      timer.reschedule(new PetitionCloseInput("acme", petitionId, null));
      WorkflowStub.fromTyped(timer).getResult(String.class);
    });
  }

  private static void record(String name, String petitionId, boolean cancel) {
    String workflowId = PetitionCloseWorkflow.workflowId("acme", petitionId);
    RecordedHistories.record(name, workflowId, env -> {
      Worker worker = env.newWorker(PetitionCloseWorkflow.TASK_QUEUE);
      worker.registerWorkflowImplementationTypes(PetitionCloseWorkflowImpl.class);
      worker.registerActivitiesImplementations(new RecordingPetitionActivities(PetitionCloseWorkflow.CLOSED));
      env.start();
      PetitionCloseWorkflow timer = env.getWorkflowClient().newWorkflowStub(
          PetitionCloseWorkflow.class,
          WorkflowOptions.newBuilder().setWorkflowId(workflowId).setTaskQueue(PetitionCloseWorkflow.TASK_QUEUE).build());
      Instant now = Instant.ofEpochMilli(env.currentTimeMillis());
      WorkflowClient.start(timer::run, new PetitionCloseInput("acme", petitionId, now.plus(Duration.ofDays(1))));
      timer.reschedule(new PetitionCloseInput("acme", petitionId, now.plus(Duration.ofDays(2))));
      if (cancel) {
        timer.reschedule(new PetitionCloseInput("acme", petitionId, null));
      }
      WorkflowStub.fromTyped(timer).getResult(String.class);
    });
  }
}
