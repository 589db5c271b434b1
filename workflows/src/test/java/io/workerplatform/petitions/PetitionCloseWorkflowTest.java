package io.workerplatform.petitions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The closing timer with the test server skipping time: when it fires, moves, and cancels. */
class PetitionCloseWorkflowTest {

  @RegisterExtension
  static final TestWorkflowExtension testWorkflow =
      TestWorkflowExtension.newBuilder()
          .registerWorkflowImplementationTypes(PetitionCloseWorkflowImpl.class)
          .setDoNotStart(true)
          .build();

  private static PetitionCloseWorkflow stub(TestWorkflowEnvironment env, Worker worker, String petitionId) {
    return env.getWorkflowClient().newWorkflowStub(
        PetitionCloseWorkflow.class,
        WorkflowOptions.newBuilder()
            .setWorkflowId(PetitionCloseWorkflow.workflowId("acme", petitionId))
            .setTaskQueue(worker.getTaskQueue())
            .build());
  }

  private static Instant now(TestWorkflowEnvironment env) {
    return Instant.ofEpochMilli(env.currentTimeMillis());
  }

  @Test
  void thePetitionClosesAtItsTimeAndNotBefore(TestWorkflowEnvironment env, Worker worker) {
    var activities = new RecordingPetitionActivities(PetitionCloseWorkflow.CLOSED);
    worker.registerActivitiesImplementations(activities);
    env.start();
    PetitionCloseInput input = new PetitionCloseInput("acme", "pet_1", now(env).plus(Duration.ofDays(2)));
    PetitionCloseWorkflow timer = stub(env, worker, "pet_1");

    WorkflowClient.start(timer::run, input);
    env.sleep(Duration.ofDays(1).plusHours(23));
    assertThat(activities.closed).isEmpty();
    env.sleep(Duration.ofHours(2));

    assertThat(WorkflowStub.fromTyped(timer).getResult(String.class)).isEqualTo(PetitionCloseWorkflow.CLOSED);
    assertThat(activities.closed).containsExactly(input);
  }

  @Test
  void aRescheduleMovesTheTimeAndANullTimeCancels(TestWorkflowEnvironment env, Worker worker) {
    var activities = new RecordingPetitionActivities(PetitionCloseWorkflow.CLOSED);
    worker.registerActivitiesImplementations(activities);
    env.start();
    PetitionCloseWorkflow timer = stub(env, worker, "pet_2");
    WorkflowClient.start(timer::run, new PetitionCloseInput("acme", "pet_2", now(env).plus(Duration.ofDays(1))));

    timer.reschedule(new PetitionCloseInput("acme", "pet_2", now(env).plus(Duration.ofDays(3))));
    env.sleep(Duration.ofDays(2));
    assertThat(activities.closed).as("moved past the first time").isEmpty();
    timer.reschedule(new PetitionCloseInput("acme", "pet_2", null));

    assertThat(WorkflowStub.fromTyped(timer).getResult(String.class)).isEqualTo(PetitionCloseWorkflow.CANCELLED);
    assertThat(activities.closed).isEmpty();
  }

  @Test
  void aTimeAlreadyPastClosesAtOnceAndAMissingPetitionIsRefusedNamingIt(TestWorkflowEnvironment env, Worker worker) {
    var activities = new RecordingPetitionActivities(PetitionCloseWorkflow.NOT_OPEN);
    worker.registerActivitiesImplementations(activities);
    env.start();
    PetitionCloseInput past = new PetitionCloseInput("acme", "pet_3", now(env).minus(Duration.ofHours(1)));

    assertThat(stub(env, worker, "pet_3").run(past)).isEqualTo(PetitionCloseWorkflow.NOT_OPEN);
    assertThat(activities.closed).containsExactly(past);
    assertThatThrownBy(() -> stub(env, worker, "pet_4").run(new PetitionCloseInput("acme", " ", Instant.EPOCH)))
        .isInstanceOf(WorkflowFailedException.class)
        .rootCause()
        .isInstanceOfSatisfying(ApplicationFailure.class, f -> assertThat(f.getType()).isEqualTo("InvalidInput"))
        .hasMessageContaining("petitionId is required");
  }

  @Test
  void rescheduleSignalsDeliveredInTheOtherOrderStillCloseAtTheStoredTime(TestWorkflowEnvironment env, Worker worker) {
    var activities = new RecordingPetitionActivities(PetitionCloseWorkflow.CLOSED);
    worker.registerActivitiesImplementations(activities);
    env.start();
    Instant twoDays = now(env).plus(Duration.ofDays(2));
    Instant threeDays = now(env).plus(Duration.ofDays(3));
    activities.storing(now(env).plus(Duration.ofDays(1)));
    PetitionCloseWorkflow timer = stub(env, worker, "pet_5");
    WorkflowClient.start(timer::run, new PetitionCloseInput("acme", "pet_5", now(env).plus(Duration.ofDays(1))));

    // Two changes: to 2 days, then to 3 days (stored last); their signals arrive in the other order.
    activities.storing(threeDays);
    timer.reschedule(new PetitionCloseInput("acme", "pet_5", threeDays));
    timer.reschedule(new PetitionCloseInput("acme", "pet_5", twoDays));

    assertThat(WorkflowStub.fromTyped(timer).getResult(String.class)).isEqualTo(PetitionCloseWorkflow.CLOSED);
    assertThat(activities.closed).extracting(PetitionCloseInput::closesAt).containsExactly(twoDays, threeDays);
  }

  @Test
  void aCancelOvertakenByANewerTimeStillCloses(TestWorkflowEnvironment env, Worker worker) {
    var activities = new RecordingPetitionActivities(PetitionCloseWorkflow.CLOSED);
    worker.registerActivitiesImplementations(activities);
    env.start();
    Instant later = now(env).plus(Duration.ofDays(2));
    PetitionCloseWorkflow timer = stub(env, worker, "pet_6");
    WorkflowClient.start(timer::run, new PetitionCloseInput("acme", "pet_6", now(env).plus(Duration.ofDays(1))));

    // Cleared, then set again; the clearing's signal arrives last.
    activities.storing(later);
    timer.reschedule(new PetitionCloseInput("acme", "pet_6", later));
    timer.reschedule(new PetitionCloseInput("acme", "pet_6", null));

    assertThat(WorkflowStub.fromTyped(timer).getResult(String.class)).isEqualTo(PetitionCloseWorkflow.CLOSED);
    assertThat(activities.closed).extracting(PetitionCloseInput::closesAt).containsExactly(later);
  }

  @Test
  void aTimerMovedHundredsOfTimesContinuesAsNewAndClosesAtTheLastTime(TestWorkflowEnvironment env, Worker worker) {
    var activities = new RecordingPetitionActivities(PetitionCloseWorkflow.CLOSED);
    worker.registerActivitiesImplementations(activities);
    env.start();
    PetitionCloseWorkflow timer = stub(env, worker, "pet_7");
    Instant start = now(env);
    WorkflowClient.start(timer::run, new PetitionCloseInput("acme", "pet_7", start.plus(Duration.ofDays(1))));
    String firstRun = WorkflowStub.fromTyped(timer).getExecution().getRunId();

    Instant last = null;
    for (int i = 1; i <= 600; i++) {
      last = start.plus(Duration.ofDays(2)).plusSeconds(i);
      timer.reschedule(new PetitionCloseInput("acme", "pet_7", last));
    }
    activities.storing(last);

    assertThat(WorkflowStub.fromTyped(timer).getResult(String.class)).isEqualTo(PetitionCloseWorkflow.CLOSED);
    assertThat(activities.closed).extracting(PetitionCloseInput::closesAt).containsExactly(last);
    var history = env.getWorkflowClient().fetchHistory(PetitionCloseWorkflow.workflowId("acme", "pet_7"), firstRun);
    assertThat(history.getLastEvent().getEventType())
        .isEqualTo(io.temporal.api.enums.v1.EventType.EVENT_TYPE_WORKFLOW_EXECUTION_CONTINUED_AS_NEW);
    // signals that arrived together are taken in one workflow task: a run ends soon past the bound
    assertThat(history.getEvents().size()).isLessThan(2 * PetitionCloseWorkflowImpl.CONTINUE_AS_NEW_AFTER_EVENTS);
  }
}
