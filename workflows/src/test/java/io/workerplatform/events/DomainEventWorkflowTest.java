package io.workerplatform.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.temporal.api.enums.v1.EventType;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowOptions;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import io.workerplatform.common.Failures;
import io.workerplatform.events.EventActivities.HandlerResults;
import io.workerplatform.events.ScriptedEventActivities.Handler;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class DomainEventWorkflowTest {

  @RegisterExtension
  static final TestWorkflowExtension testWorkflow =
      TestWorkflowExtension.newBuilder()
          .registerWorkflowImplementationTypes(DomainEventWorkflowImpl.class)
          .setDoNotStart(true)
          .build();

  static DomainEventWorkflow start(TestWorkflowEnvironment env, Worker worker, String eventId) {
    DomainEventWorkflow workflow =
        env.getWorkflowClient()
            .newWorkflowStub(
                DomainEventWorkflow.class,
                WorkflowOptions.newBuilder()
                    .setWorkflowId(DomainEventWorkflow.workflowId("org_1", eventId))
                    .setTaskQueue(worker.getTaskQueue())
                    .build());
    WorkflowClient.start(workflow::process, new EventRequest("org_1", eventId));
    return workflow;
  }

  static EventStatus result(TestWorkflowEnvironment env, String eventId) {
    return env.getWorkflowClient()
        .newUntypedWorkflowStub(DomainEventWorkflow.workflowId("org_1", eventId))
        .getResult(EventStatus.class);
  }

  static void await(Supplier<Boolean> condition) throws InterruptedException {
    for (int i = 0; i < 300 && !condition.get(); i++) {
      Thread.sleep(50);
    }
    assertThat(condition.get()).as("condition within 15 s").isTrue();
  }

  private static ScriptedEventActivities activities(TestWorkflowEnvironment env, Worker worker, Handler... handlers) {
    ScriptedEventActivities activities = new ScriptedEventActivities(env::currentTimeMillis, handlers);
    worker.registerActivitiesImplementations(activities);
    return activities;
  }

  @Test
  void anEventRunsEveryHandlerOnceInOneWorkflowTaskAndEndsProcessed(TestWorkflowEnvironment env, Worker worker) {
    var activities = activities(env, worker, Handler.ok("audit"), Handler.ok("webhooks"));
    activities.add("evt_1", null, null);
    env.start();

    start(env, worker, "evt_1");
    EventStatus status = result(env, "evt_1");

    assertThat(status.status()).isEqualTo(DomainEventWorkflow.PROCESSED);
    assertThat(status.handlers())
        .containsExactly(
            new EventStatus.HandlerState("audit", DomainEventWorkflow.DONE),
            new EventStatus.HandlerState("webhooks", DomainEventWorkflow.DONE));
    assertThat(activities.calls("handle", "evt_1")).containsExactlyInAnyOrder("handle evt_1 audit 1", "handle evt_1 webhooks 1");
    assertThat(activities.finished).singleElement().satisfies(r -> {
      assertThat(r.done()).containsExactlyInAnyOrder(new HandlerResults.Done("audit", 1), new HandlerResults.Done("webhooks", 1));
      assertThat(r.failed()).isEmpty();
    });
    // The cheap path: one workflow task, one local activity marker, no timer, no activity task.
    List<EventType> types =
        env.getWorkflowClient().fetchHistory(DomainEventWorkflow.workflowId("org_1", "evt_1")).getEvents().stream()
            .map(e -> e.getEventType())
            .toList();
    assertThat(types)
        .containsExactly(
            EventType.EVENT_TYPE_WORKFLOW_EXECUTION_STARTED,
            EventType.EVENT_TYPE_WORKFLOW_TASK_SCHEDULED,
            EventType.EVENT_TYPE_WORKFLOW_TASK_STARTED,
            EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED,
            EventType.EVENT_TYPE_MARKER_RECORDED,
            EventType.EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED);
  }

  @Test
  void aFailingHandlerRetriesOnItsOwnScheduleWhileTheOthersFinishAndAreRecorded(
      TestWorkflowEnvironment env, Worker worker) {
    var activities =
        activities(env, worker, Handler.ok("audit"), Handler.failing("flaky", 3, Duration.ofSeconds(30), 10));
    activities.add("evt_2", null, null);
    env.start();

    start(env, worker, "evt_2");
    EventStatus status = result(env, "evt_2");

    assertThat(status.status()).isEqualTo(DomainEventWorkflow.PROCESSED);
    assertThat(activities.calls("handle", "evt_2 audit")).containsExactly("handle evt_2 audit 1");
    assertThat(activities.calls("handle", "evt_2 flaky"))
        .containsExactly("handle evt_2 flaky 1", "handle evt_2 flaky 2", "handle evt_2 flaky 3", "handle evt_2 flaky 4");
    // Its own schedule: 30 s, then 60 s, then 120 s between tries, on the server's clock.
    List<Instant> tries = activities.tryTimes.get("evt_2 flaky");
    assertThat(Duration.between(tries.get(0), tries.get(1))).isGreaterThanOrEqualTo(Duration.ofSeconds(30));
    assertThat(Duration.between(tries.get(2), tries.get(3))).isGreaterThanOrEqualTo(Duration.ofSeconds(120));
    // At the end flaky is DONE after 4 tries, audit after its first.
    assertThat(activities.finished).singleElement().satisfies(r ->
        assertThat(r.done()).containsExactlyInAnyOrder(new HandlerResults.Done("audit", 1), new HandlerResults.Done("flaky", 4)));
  }

  @Test
  void aHandlerRetryWaitsOutAnHourWithoutTheDatabaseAndResumesWithinFiveMinutesOfItsReturn(
      TestWorkflowEnvironment env, Worker worker) {
    // The webhooks handler's own schedule: 30 tries, waits of 1 s doubling to 1 min (about 30 minutes in all).
    var activities = activities(env, worker, Handler.ok("audit"),
        new Handler("webhooks", 1, new EventOutcome.HandlerPlan("webhooks", Duration.ofMinutes(3), Duration.ofSeconds(1),
            Duration.ofMinutes(1), 30)));
    activities.add("evt_db", null, null);
    Instant back = Instant.ofEpochMilli(env.currentTimeMillis()).plus(Duration.ofHours(1));
    activities.databaseBackAt = back.toEpochMilli();
    env.start();

    start(env, worker, "evt_db");
    EventStatus status = result(env, "evt_db");

    assertThat(status.status()).isEqualTo(DomainEventWorkflow.PROCESSED);
    assertThat(status.handlers()).contains(new EventStatus.HandlerState("webhooks", DomainEventWorkflow.DONE));
    assertThat(activities.finished).singleElement().satisfies(r -> assertThat(r.failed()).isEmpty());
    List<Instant> tries = activities.tryTimes.get("evt_db webhooks");
    // The first try (processing) failed on its own; the second ran once the database was back.
    assertThat(tries).hasSize(2);
    assertThat(tries.get(1)).isAfterOrEqualTo(back).isBefore(back.plus(Failures.MAX_RETRY_INTERVAL).plusSeconds(1));
    // The hour cost looks on timers backing off to 5 minutes, none of the handler's 30 tries.
    List<Instant> outage = activities.outageTimes.get("evt_db webhooks");
    assertThat(outage).hasSizeBetween(12, 25);
    assertThat(Duration.between(outage.get(outage.size() - 2), outage.getLast()))
        .isBetween(Failures.MAX_RETRY_INTERVAL, Failures.MAX_RETRY_INTERVAL.plusSeconds(5));
  }

  @Test
  void aHandlerThatKeepsFailingEndsFailedAndTheEventIsStillProcessed(TestWorkflowEnvironment env, Worker worker) {
    var activities =
        activities(env, worker, Handler.ok("audit"), Handler.failing("broken", -1, Duration.ofSeconds(1), 3));
    activities.add("evt_3", null, null);
    env.start();

    start(env, worker, "evt_3");
    EventStatus status = result(env, "evt_3");

    assertThat(status.status()).isEqualTo(DomainEventWorkflow.PROCESSED);
    assertThat(status.handlers()).contains(new EventStatus.HandlerState("broken", DomainEventWorkflow.FAILED));
    assertThat(activities.calls("handle", "evt_3 broken")).hasSize(3);
    assertThat(activities.finished).singleElement().satisfies(r -> {
      assertThat(r.done()).containsExactly(new HandlerResults.Done("audit", 1));
      assertThat(r.failed()).containsExactly("broken");
    });
  }

  @Test
  void aDelayedEventWaitsForItsTimeOnADurableTimerThenRuns(TestWorkflowEnvironment env, Worker worker) {
    var activities = activities(env, worker, Handler.ok("audit"));
    env.start();
    Instant processAt = Instant.ofEpochMilli(env.currentTimeMillis()).plus(Duration.ofMinutes(10));
    activities.add("evt_4", processAt, null);

    DomainEventWorkflow workflow = start(env, worker, "evt_4");
    EventStatus status = result(env, "evt_4");

    assertThat(status.status()).isEqualTo(DomainEventWorkflow.PROCESSED);
    assertThat(status.processAt()).isEqualTo(processAt);
    assertThat(activities.tryTimes.get("evt_4 audit").get(0)).isAfterOrEqualTo(processAt);
    assertThat(activities.calls("process", "evt_4")).hasSize(2);
    assertThat(workflow.status().status()).isEqualTo(DomainEventWorkflow.PROCESSED);
  }

  @Test
  void aCancelledScheduledEventEndsCancelledWithoutRunningAHandler(TestWorkflowEnvironment env, Worker worker)
      throws InterruptedException {
    var activities = activities(env, worker, Handler.ok("audit"));
    env.start();
    Instant processAt = Instant.ofEpochMilli(env.currentTimeMillis()).plus(Duration.ofDays(2));
    ScriptedEventActivities.Event event = activities.add("evt_5", processAt, null);

    DomainEventWorkflow workflow = start(env, worker, "evt_5");
    await(() -> DomainEventWorkflow.SCHEDULED.equals(workflow.status().status()));
    event.status = DomainEventWorkflow.CANCELLED; // what DELETE does first
    workflow.cancel();
    EventStatus status = result(env, "evt_5");

    assertThat(status.status()).isEqualTo(DomainEventWorkflow.CANCELLED);
    assertThat(activities.calls("handle", "evt_5")).isEmpty();
    assertThat(activities.finished).isEmpty();
  }

  @Test
  void eventsWithOneOrderingKeyRunOneAtATimeInTheOrderTheyWereAccepted(TestWorkflowEnvironment env, Worker worker)
      throws InterruptedException {
    var activities = activities(env, worker, Handler.ok("slow"));
    activities.add("evt_a", null, "petition/p1");
    activities.add("evt_b", null, "petition/p1");
    activities.add("evt_other", null, "petition/p2");
    env.start();

    // b starts first, yet waits for a, accepted before it; another key runs meanwhile.
    DomainEventWorkflow b = start(env, worker, "evt_b");
    await(() -> "evt_a".equals(b.status().waitingFor()));
    start(env, worker, "evt_a");
    start(env, worker, "evt_other");
    await(() -> activities.calls("handle", "evt_a").size() == 1 && activities.calls("handle", "evt_other").size() == 1);
    assertThat(activities.calls("handle", "evt_b")).isEmpty();
    activities.slow.countDown();

    assertThat(result(env, "evt_a").status()).isEqualTo(DomainEventWorkflow.PROCESSED);
    assertThat(result(env, "evt_b").status()).isEqualTo(DomainEventWorkflow.PROCESSED);
    List<String> calls = List.copyOf(activities.calls);
    assertThat(calls.indexOf("finish evt_a")).isLessThan(calls.indexOf("handle evt_b slow 1"));
  }

  @Test
  void anUnknownEventFailsAtOnceNamingTheField(TestWorkflowEnvironment env, Worker worker) {
    activities(env, worker, Handler.ok("audit"));
    env.start();

    start(env, worker, "evt_missing");

    assertThatThrownBy(() -> result(env, "evt_missing"))
        .isInstanceOf(WorkflowFailedException.class)
        .rootCause()
        .isInstanceOfSatisfying(ApplicationFailure.class, f -> assertThat(f.getType()).isEqualTo("InvalidInput"));
  }

  @Test
  void anEventWaitingThirtyDaysForItsTurnKeepsEachRunsHistoryShortThenProceeds(TestWorkflowEnvironment env, Worker worker) {
    var activities = activities(env, worker, Handler.ok("audit"));
    activities.add("evt_head", null, "petition/p9"); // under way, and never done for a month
    activities.add("evt_tail", null, "petition/p9");
    env.start();
    DomainEventWorkflow tail = start(env, worker, "evt_tail");
    String firstRun = io.temporal.client.WorkflowStub.fromTyped(tail).getExecution().getRunId();

    env.sleep(Duration.ofDays(30));
    activities.events.get("evt_head").status = DomainEventWorkflow.PROCESSED;
    tail.proceed();

    assertThat(result(env, "evt_tail").status()).isEqualTo(DomainEventWorkflow.PROCESSED);
    List<Integer> runLengths = new java.util.ArrayList<>();
    String run = firstRun;
    while (run != null) {
      var history = env.getWorkflowClient().fetchHistory(DomainEventWorkflow.workflowId("org_1", "evt_tail"), run);
      runLengths.add(history.getEvents().size());
      var last = history.getLastEvent();
      run = last.getEventType() == EventType.EVENT_TYPE_WORKFLOW_EXECUTION_CONTINUED_AS_NEW
          ? last.getWorkflowExecutionContinuedAsNewEventAttributes().getNewExecutionRunId()
          : null;
    }
    assertThat(runLengths).hasSizeGreaterThan(1).allSatisfy(n -> assertThat(n).isLessThan(2_000));
    // the looks back off to one an hour: about 720 in 30 days, not 43,200
    assertThat(activities.calls("process", "evt_tail").size()).isBetween(700, 760);
  }

  @Test
  void anEventWhoseProcessingGivesUpIsRecordedFailedAndReleasesItsKey(TestWorkflowEnvironment env, Worker worker) {
    var activities = activities(env, worker, Handler.ok("audit"));
    activities.add("evt_broken", null, "petition/p8");
    activities.add("evt_after", null, "petition/p8");
    activities.broken.add("evt_broken"); // its processing step gives up
    env.start();
    start(env, worker, "evt_after");
    start(env, worker, "evt_broken");

    assertThat(result(env, "evt_broken").status()).isEqualTo(DomainEventWorkflow.FAILED);
    assertThat(activities.events.get("evt_broken").status).isEqualTo(DomainEventWorkflow.FAILED);
    assertThat(result(env, "evt_after").status()).isEqualTo(DomainEventWorkflow.PROCESSED);
  }

  @Test
  void aCancelledEventWorkflowRecordsItsEventCancelledAndReleasesItsKey(TestWorkflowEnvironment env, Worker worker)
      throws InterruptedException {
    var activities = activities(env, worker, Handler.ok("audit"));
    activities.add("evt_first", null, "petition/p7");
    activities.add("evt_second", null, "petition/p7");
    env.start();
    DomainEventWorkflow second = start(env, worker, "evt_second");
    await(() -> "evt_first".equals(second.status().waitingFor()));

    io.temporal.client.WorkflowStub.fromTyped(second).cancel();

    assertThatThrownBy(() -> result(env, "evt_second")).isInstanceOf(WorkflowFailedException.class);
    assertThat(activities.events.get("evt_second").status).isEqualTo(DomainEventWorkflow.CANCELLED);
    assertThat(activities.calls("release", "evt_second")).containsExactly("release evt_second CANCELLED");
  }
}
