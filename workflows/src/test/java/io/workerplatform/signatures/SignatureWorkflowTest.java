package io.workerplatform.signatures;

import static io.workerplatform.signatures.SignatureWorkflow.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.temporal.api.enums.v1.EventType;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowOptions;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import io.workerplatform.common.InvalidInput;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

class SignatureWorkflowTest {

  @RegisterExtension
  static final TestWorkflowExtension testWorkflow =
      TestWorkflowExtension.newBuilder()
          .registerWorkflowImplementationTypes(SignatureWorkflowImpl.class)
          .setDoNotStart(true)
          .build();

  static SignatureWorkflow start(
      TestWorkflowEnvironment env, Worker worker, SignatureActivities activities, SignatureInput input) {
    worker.registerActivitiesImplementations(activities);
    env.start();
    SignatureWorkflow workflow =
        env.getWorkflowClient()
            .newWorkflowStub(
                SignatureWorkflow.class,
                WorkflowOptions.newBuilder()
                    .setWorkflowId(SignatureWorkflow.workflowId(input.signatureRequestId()))
                    .setTaskQueue(worker.getTaskQueue())
                    .build());
    WorkflowClient.start(workflow::run, input);
    return workflow;
  }

  static SignatureStatus result(TestWorkflowEnvironment env, String id) {
    return env.getWorkflowClient()
        .newUntypedWorkflowStub(SignatureWorkflow.workflowId(id))
        .getResult(SignatureStatus.class);
  }

  /** Waits (in real time) until the activities saw {@code method}; time does not skip meanwhile. */
  static void awaitCall(RecordingSignatureActivities activities, String method) throws Exception {
    for (int i = 0; i < 300 && !activities.methods().contains(method); i++) {
      Thread.sleep(20);
    }
    assertThat(activities.methods()).contains(method);
  }

  static void awaitState(SignatureWorkflow workflow, String state) throws Exception {
    for (int i = 0; i < 300 && !workflow.status().state().equals(state); i++) {
      Thread.sleep(20);
    }
    assertThat(workflow.status().state()).isEqualTo(state);
  }

  @Test
  void remindsOnScheduleUntilEverySignerSigned(TestWorkflowEnvironment env, Worker worker)
      throws Exception {
    var activities = new RecordingSignatureActivities("c1", "c2");
    SignatureWorkflow workflow = start(env, worker, activities, new SignatureInput("sr1", "org1", 3, 30));
    awaitState(workflow, AWAITING_SIGNATURES);

    env.sleep(Duration.ofDays(7));
    SignatureStatus waiting = workflow.status();
    workflow.signed(new SignerEvent("c1"));
    workflow.signed(new SignerEvent("c2"));
    SignatureStatus result = result(env, "sr1");
    env.sleep(Duration.ofDays(10));

    // Reminders are counted from the workflow's start (the expiry too), exactly.
    Instant startedAt = waiting.expiresAt().minus(Duration.ofDays(30));
    assertThat(activities.times("create").get(0)).isCloseTo(startedAt, within(1, ChronoUnit.SECONDS));
    assertAbout(activities.times("remind"), startedAt.plus(Duration.ofDays(3)), startedAt.plus(Duration.ofDays(6)));
    assertThat(waiting.remindersSent()).isEqualTo(2);
    assertThat(waiting.nextReminderAt()).isEqualTo(startedAt.plus(Duration.ofDays(9)));
    assertThat(activities.methods())
        .containsExactly("create", "remind", "remind", "storeSignedDocument", "finish");
    assertThat(result.state()).isEqualTo(COMPLETED);
    assertThat(result.signedFileId()).isEqualTo("file-signed-sr1");
    assertThat(result.signers())
        .containsExactly(new SignatureStatus.Signer("c1", SIGNER_SIGNED), new SignatureStatus.Signer("c2", SIGNER_SIGNED));
    assertThat(result.nextReminderAt()).isNull();
    assertThat(activities.finished).containsExactly(result);
    assertThat(timerSummaries(env, "sr1")).containsExactly("reminder 1", "reminder 2", "reminder 3");
  }

  @Test
  void expiresAndCancelsAtTheProvider(TestWorkflowEnvironment env, Worker worker) {
    var activities = new RecordingSignatureActivities("c1");
    start(env, worker, activities, new SignatureInput("sr2", "org1", 5, 12));

    SignatureStatus result = result(env, "sr2");

    assertThat(result.state()).isEqualTo(EXPIRED);
    assertThat(activities.methods())
        .containsExactly("create", "remind", "remind", "providerState", "cancelAtProvider", "finish");
    assertAbout(activities.times("cancelAtProvider"), result.expiresAt());
    Instant startedAt = result.expiresAt().minus(Duration.ofDays(12));
    assertAbout(activities.times("remind"), startedAt.plus(Duration.ofDays(5)), startedAt.plus(Duration.ofDays(10)));
    assertThat(result.remindersSent()).isEqualTo(2);
    assertThat(activities.finished).extracting(SignatureStatus::state).containsExactly(EXPIRED);
  }

  @Test
  void atExpiryAProviderThatCompletedWinsOverTheTimer(TestWorkflowEnvironment env, Worker worker) {
    var activities = new RecordingSignatureActivities("c1");
    activities.providerState = COMPLETED;
    start(env, worker, activities, new SignatureInput("sr3", "org1", 0, 2));

    SignatureStatus result = result(env, "sr3");

    assertThat(result.state()).isEqualTo(COMPLETED);
    assertThat(activities.methods())
        .containsExactly("create", "providerState", "storeSignedDocument", "finish");
  }

  @Test
  void aDeclineEndsTheRequestWithoutCancelling(TestWorkflowEnvironment env, Worker worker)
      throws Exception {
    var activities = new RecordingSignatureActivities("c1", "c2");
    SignatureWorkflow workflow = start(env, worker, activities, new SignatureInput("sr4", "org1", 3, 30));
    awaitState(workflow, AWAITING_SIGNATURES);

    workflow.signed(new SignerEvent("c1"));
    workflow.declined(new SignerEvent("c2"));
    SignatureStatus result = result(env, "sr4");

    assertThat(result.state()).isEqualTo(DECLINED);
    assertThat(result.signers())
        .containsExactly(new SignatureStatus.Signer("c1", SIGNER_SIGNED), new SignatureStatus.Signer("c2", SIGNER_DECLINED));
    assertThat(activities.methods()).containsExactly("create", "finish");
  }

  @Test
  void cancelWhileWaitingCancelsAtTheProviderAndLateEventsAreOnlyCounted(
      TestWorkflowEnvironment env, Worker worker) throws Exception {
    var activities = new RecordingSignatureActivities("c1");
    activities.holdCancel = new CountDownLatch(1);
    SignatureWorkflow workflow = start(env, worker, activities, new SignatureInput("sr5", "org1", 3, 30));
    awaitState(workflow, AWAITING_SIGNATURES);
    env.sleep(Duration.ofDays(1));

    workflow.cancel();
    awaitCall(activities, "cancelAtProvider");
    workflow.signed(new SignerEvent("c1"));
    workflow.completed();
    workflow.remind();
    activities.holdCancel.countDown();
    SignatureStatus result = result(env, "sr5");

    assertThat(result.state()).isEqualTo(CANCELLED);
    assertThat(result.ignoredEvents()).isEqualTo(3);
    assertThat(result.signers()).containsExactly(new SignatureStatus.Signer("c1", SIGNER_PENDING));
    assertThat(activities.methods()).containsExactly("create", "cancelAtProvider", "finish");
  }

  @Test
  void duplicateEventsChangeNothingAndOneFinishIsRecorded(TestWorkflowEnvironment env, Worker worker)
      throws Exception {
    var activities = new RecordingSignatureActivities("c1", "c2");
    activities.holdStore = new CountDownLatch(1);
    SignatureWorkflow workflow = start(env, worker, activities, new SignatureInput("sr6", "org1", 3, 30));
    awaitState(workflow, AWAITING_SIGNATURES);

    workflow.signed(new SignerEvent("c1"));
    workflow.signed(new SignerEvent("c1"));
    workflow.signed(new SignerEvent("stranger"));
    workflow.completed();
    awaitCall(activities, "storeSignedDocument");
    workflow.completed();
    workflow.declined(new SignerEvent("c2"));
    activities.holdStore.countDown();
    SignatureStatus result = result(env, "sr6");

    assertThat(result.state()).isEqualTo(COMPLETED);
    assertThat(result.ignoredEvents()).isEqualTo(4);
    assertThat(activities.methods()).containsExactly("create", "storeSignedDocument", "finish");
    assertThat(activities.finished).hasSize(1);
  }

  @Test
  void aCancelDuringCreationCancelsTheCreatedProcess(TestWorkflowEnvironment env, Worker worker)
      throws Exception {
    var activities = new RecordingSignatureActivities("c1");
    activities.holdCreate = new CountDownLatch(1);
    SignatureWorkflow workflow = start(env, worker, activities, new SignatureInput("sr7", "org1", 3, 30));
    awaitCall(activities, "create");

    workflow.cancel();
    activities.holdCreate.countDown();
    SignatureStatus result = result(env, "sr7");

    assertThat(result.state()).isEqualTo(CANCELLED);
    assertThat(activities.methods()).containsExactly("create", "cancelAtProvider", "finish");
  }

  @Test
  void aRefusedCreateFailsTheRequestAndIsRecorded(TestWorkflowEnvironment env, Worker worker) {
    var activities = new RecordingSignatureActivities("c1");
    activities.refuseCreate = true;
    start(env, worker, activities, new SignatureInput("sr8", "org1", 3, 30));

    SignatureStatus result = result(env, "sr8");

    assertThat(result.state()).isEqualTo(FAILED);
    assertThat(result.reason()).contains(SignatureActivities.PROVIDER_REFUSED);
    assertThat(activities.methods()).containsExactly("create", "finish");
  }

  @Test
  void aRemindSignalSendsOneReminderAndKeepsTheSchedule(TestWorkflowEnvironment env, Worker worker)
      throws Exception {
    var activities = new RecordingSignatureActivities("c1");
    SignatureWorkflow workflow = start(env, worker, activities, new SignatureInput("sr9", "org1", 4, 30));
    awaitState(workflow, AWAITING_SIGNATURES);
    env.sleep(Duration.ofDays(1));

    workflow.remind();
    awaitCall(activities, "remind");
    env.sleep(Duration.ofDays(4));
    workflow.completed();
    result(env, "sr9");

    Instant startedAt = activities.finished.get(0).expiresAt().minus(Duration.ofDays(30));
    assertThat(activities.times("remind")).hasSize(2);
    assertAbout(activities.times("remind").subList(1, 2), startedAt.plus(Duration.ofDays(4)));
    assertThat(activities.finished.get(0).remindersSent()).isEqualTo(2);
  }

  @Test
  void aLoopOfRemindSignalsRemindsTheProviderOncePerInterval(TestWorkflowEnvironment env, Worker worker)
      throws Exception {
    var activities = new RecordingSignatureActivities("c1");
    SignatureWorkflow workflow = start(env, worker, activities, new SignatureInput("sr11", "org1", 0, 30));
    awaitState(workflow, AWAITING_SIGNATURES);

    for (int i = 0; i < 50; i++) {
      workflow.remind();
    }
    awaitIgnored(workflow, 49);
    env.sleep(Duration.ofMinutes(59));
    workflow.remind(); // still within the hour after the first reminder
    awaitIgnored(workflow, 50);
    env.sleep(Duration.ofMinutes(2));
    workflow.remind();
    for (int i = 0; i < 300 && activities.times("remind").size() < 2; i++) {
      Thread.sleep(20);
    }
    workflow.completed();
    SignatureStatus result = result(env, "sr11");

    assertThat(activities.times("remind")).hasSize(2);
    assertThat(Duration.between(activities.times("remind").get(0), activities.times("remind").get(1)))
        .isBetween(Duration.ofMinutes(61), Duration.ofMinutes(62));
    assertThat(result.remindersSent()).isEqualTo(2);
    assertThat(result.ignoredEvents()).isEqualTo(50);
  }

  private static void awaitIgnored(SignatureWorkflow workflow, int ignored) throws Exception {
    for (int i = 0; i < 500 && workflow.status().ignoredEvents() < ignored; i++) {
      Thread.sleep(20);
    }
    assertThat(workflow.status().ignoredEvents()).isEqualTo(ignored);
  }

  @Test
  @Timeout(180) // a hang of the test server fails here rather than holding CI
  void theHistoryStaysShortHoweverManySignalsArrive(TestWorkflowEnvironment env, Worker worker) throws Exception {
    var activities = new RecordingSignatureActivities("c1", "c2");
    SignatureWorkflow workflow = start(env, worker, activities, new SignatureInput("sr12", "org1", 3, 30));
    awaitState(workflow, AWAITING_SIGNATURES);

    workflow.signed(new SignerEvent("c1"));
    // Bursts of 100, each taken in before the next: a run continues as new between two signals
    // (a server refuses to end a run while signals it has not seen are waiting).
    for (int burst = 0; burst < 30; burst++) {
      for (int i = 0; i < 50; i++) {
        workflow.remind();
        workflow.signed(new SignerEvent("c1")); // a provider replaying its callback
      }
      awaitIgnored(workflow, 100 * (burst + 1) - 1);
    }
    // No time skipping from here on: the test server can lose track of a run that continued as
    // new while signals kept arriving, and then never skips time again (the carried schedule is
    // checked on its own below).
    workflow.signed(new SignerEvent("c2"));
    SignatureStatus result = result(env, "sr12");

    List<Integer> runLengths = runHistoryLengths(env, SignatureWorkflow.workflowId("sr12"));
    assertThat(runLengths).hasSizeGreaterThan(2).allSatisfy(length -> assertThat(length).isLessThan(2_000));
    assertThat(result.state()).isEqualTo(COMPLETED);
    assertThat(result.signers())
        .containsExactly(new SignatureStatus.Signer("c1", SIGNER_SIGNED), new SignatureStatus.Signer("c2", SIGNER_SIGNED));
    assertThat(result.remindersSent()).isEqualTo(1); // the first requested one; the rest within the hour
    assertThat(result.ignoredEvents()).isEqualTo(2_999);
    assertThat(activities.methods()).containsExactly("create", "remind", "storeSignedDocument", "finish");
  }

  @Test
  void aContinuedRunKeepsTheScheduleSignersAndCountsItCarries(TestWorkflowEnvironment env, Worker worker)
      throws Exception {
    var activities = new RecordingSignatureActivities("c1", "c2");
    worker.registerActivitiesImplementations(activities);
    env.start();
    Instant startedAt = Instant.ofEpochMilli(env.currentTimeMillis()).minus(Duration.ofDays(4));
    SignatureInput continued =
        new SignatureInput(
            "sr13", "org1", 3, 30, null,
            new SignatureInput.Carry(
                startedAt,
                List.of(new SignatureStatus.Signer("c1", SIGNER_SIGNED), new SignatureStatus.Signer("c2", SIGNER_PENDING)),
                1, 2, startedAt.plus(Duration.ofDays(3)), 40, 3));
    SignatureWorkflow workflow =
        env.getWorkflowClient()
            .newWorkflowStub(
                SignatureWorkflow.class,
                WorkflowOptions.newBuilder()
                    .setWorkflowId(SignatureWorkflow.workflowId("sr13"))
                    .setTaskQueue(worker.getTaskQueue())
                    .build());
    WorkflowClient.start(workflow::run, continued);
    awaitState(workflow, AWAITING_SIGNATURES);

    SignatureStatus waiting = workflow.status();
    env.sleep(Duration.ofDays(3)); // reminder 2 is due 6 days after the start
    workflow.signed(new SignerEvent("c2"));
    SignatureStatus result = result(env, "sr13");

    assertThat(waiting.nextReminderAt()).isEqualTo(startedAt.plus(Duration.ofDays(6)));
    assertThat(waiting.expiresAt()).isEqualTo(startedAt.plus(Duration.ofDays(30)));
    assertThat(activities.methods()).containsExactly("remind", "storeSignedDocument", "finish"); // no second create
    assertAbout(activities.times("remind"), startedAt.plus(Duration.ofDays(6)));
    assertThat(result.state()).isEqualTo(COMPLETED);
    assertThat(result.remindersSent()).isEqualTo(3);
    assertThat(result.ignoredEvents()).isEqualTo(40);
    assertThat(timerSummaries(env, "sr13")).first().isEqualTo("reminder 2");
  }

  /** The number of events of every run of the workflow, first run first. */
  static List<Integer> runHistoryLengths(TestWorkflowEnvironment env, String workflowId) {
    List<Integer> lengths = new java.util.ArrayList<>();
    var history = env.getWorkflowClient().fetchHistory(workflowId);
    while (true) {
      lengths.add(0, history.getEvents().size());
      String previous =
          history.getEvents().get(0).getWorkflowExecutionStartedEventAttributes().getContinuedExecutionRunId();
      if (previous.isEmpty()) {
        return lengths;
      }
      history = env.getWorkflowClient().fetchHistory(workflowId, previous);
    }
  }

  @Test
  void invalidInputFailsNamingTheField(TestWorkflowEnvironment env, Worker worker) {
    var activities = new RecordingSignatureActivities("c1");
    start(env, worker, activities, new SignatureInput("sr10", "org1", 3, 0));

    assertThatThrownBy(() -> result(env, "sr10"))
        .isInstanceOf(WorkflowFailedException.class)
        .cause()
        .isInstanceOfSatisfying(
            ApplicationFailure.class,
            failure -> {
              assertThat(failure.getType()).isEqualTo(InvalidInput.TYPE);
              assertThat(failure.getOriginalMessage()).startsWith("expiresInDays");
            });
    assertThat(activities.calls).isEmpty();
  }

  /** Activities are scheduled a few real milliseconds after the timer that wakes the workflow. */
  private static void assertAbout(List<Instant> actual, Instant... expected) {
    assertThat(actual).hasSize(expected.length);
    for (int i = 0; i < expected.length; i++) {
      assertThat(actual.get(i)).isCloseTo(expected[i], within(1, ChronoUnit.SECONDS));
    }
  }

  private static List<String> timerSummaries(TestWorkflowEnvironment env, String id) {
    var converter = io.temporal.common.converter.DefaultDataConverter.STANDARD_INSTANCE;
    return env.getWorkflowClient().fetchHistory(SignatureWorkflow.workflowId(id)).getEvents().stream()
        .filter(e -> e.getEventType() == EventType.EVENT_TYPE_TIMER_STARTED)
        .map(e -> converter.fromPayload(e.getUserMetadata().getSummary(), String.class, String.class))
        .toList();
  }
}
