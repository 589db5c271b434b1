package io.workerplatform.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowOptions;
import io.temporal.common.converter.DefaultDataConverter;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class WebhookDeliveryWorkflowTest {

  @RegisterExtension
  static final TestWorkflowExtension testWorkflow =
      TestWorkflowExtension.newBuilder()
          .registerWorkflowImplementationTypes(WebhookDeliveryWorkflowImpl.class)
          .setDoNotStart(true)
          .build();

  private static WebhookDeliveryWorkflow start(
      TestWorkflowEnvironment env, Worker worker, WebhookActivities activities, String id) {
    return start(env, worker, activities, new DeliveryRequest(id), WorkflowOptions.newBuilder());
  }

  private static WebhookDeliveryWorkflow start(
      TestWorkflowEnvironment env, Worker worker, WebhookActivities activities, String id,
      WorkflowOptions.Builder options) {
    return start(env, worker, activities, new DeliveryRequest(id), options);
  }

  /** Starts the delivery with {@code options} completed by its id and the worker's queue. */
  private static WebhookDeliveryWorkflow start(
      TestWorkflowEnvironment env,
      Worker worker,
      WebhookActivities activities,
      DeliveryRequest request,
      WorkflowOptions.Builder options) {
    String id = request.deliveryId();
    worker.registerActivitiesImplementations(activities);
    env.start();
    WebhookDeliveryWorkflow workflow =
        env.getWorkflowClient()
            .newWorkflowStub(
                WebhookDeliveryWorkflow.class,
                options
                    .setWorkflowId(WebhookDeliveryWorkflow.workflowId(id))
                    .setTaskQueue(worker.getTaskQueue())
                    .build());
    WorkflowClient.start(workflow::deliver, request);
    return workflow;
  }

  private static DeliveryStatus result(TestWorkflowEnvironment env, String id) {
    return env.getWorkflowClient()
        .newUntypedWorkflowStub(WebhookDeliveryWorkflow.workflowId(id))
        .getResult(DeliveryStatus.class);
  }

  /**
   * When each attempt ran, in the server's (skipped) time: attempts are local activities, so their
   * markers in the history carry the time; the worker's clock does not skip.
   */
  private static List<Instant> attemptTimes(TestWorkflowEnvironment env, String id) {
    return env.getWorkflowClient()
        .fetchHistory(WebhookDeliveryWorkflow.workflowId(id))
        .getEvents()
        .stream()
        .filter(e -> e.getEventType() == EventType.EVENT_TYPE_MARKER_RECORDED)
        .filter(e -> e.getMarkerRecordedEventAttributes().getMarkerName().equals("LocalActivity"))
        .map(e -> Instant.ofEpochSecond(e.getEventTime().getSeconds(), e.getEventTime().getNanos()))
        .toList();
  }

  /** The attempts' times once the history holds {@code count} of them (a live workflow's). */
  private static List<Instant> awaitAttemptTimes(TestWorkflowEnvironment env, String id, int count)
      throws InterruptedException {
    for (int i = 0; i < 400; i++) {
      List<Instant> times = attemptTimes(env, id);
      if (times.size() >= count) {
        return times;
      }
      Thread.sleep(25);
    }
    throw new AssertionError("the history of " + id + " never held " + count + " attempt(s)");
  }

  /** The delivery's timers, in the order they started. */
  private static List<HistoryEvent> timersStarted(TestWorkflowEnvironment env, String id) {
    return env.getWorkflowClient()
        .fetchHistory(WebhookDeliveryWorkflow.workflowId(id))
        .getEvents()
        .stream()
        .filter(e -> e.getEventType() == EventType.EVENT_TYPE_TIMER_STARTED)
        .toList();
  }

  private static List<Duration> gapsBetweenAttempts(TestWorkflowEnvironment env, String id) {
    List<Instant> times = attemptTimes(env, id);
    return IntStream.range(1, times.size())
        .mapToObj(i -> Duration.between(times.get(i - 1), times.get(i)))
        .toList();
  }

  @Test
  void aDeliveryStartedAfterItsFirstAttemptWaitsThenMakesAttemptTwo(TestWorkflowEnvironment env, Worker worker) {
    ScriptedWebhookActivities activities = new ScriptedWebhookActivities(500, 200);
    start(env, worker, activities, new DeliveryRequest("dlv-after-first", null, null, 1), WorkflowOptions.newBuilder());

    DeliveryStatus result = result(env, "dlv-after-first");

    // The wait before attempt 2 comes first; attempt 2 fails, attempt 3 delivers.
    assertThat(result.status()).isEqualTo(WebhookDeliveryWorkflow.DELIVERED);
    assertThat(activities.calls).extracting(call -> call.request().retryInSeconds()).containsExactly(300L, 1800L);
    assertThat(timersStarted(env, "dlv-after-first"))
        .extracting(e -> e.getTimerStartedEventAttributes().getStartToFireTimeout().getSeconds())
        .containsExactly(60L, 300L);
  }

  @Test
  void attemptsMadeBeyondTheScheduleAreRefusedNamingTheField(TestWorkflowEnvironment env, Worker worker) {
    start(env, worker, new ScriptedWebhookActivities(200), new DeliveryRequest("dlv-made", null, null, 5),
        WorkflowOptions.newBuilder());

    assertThatThrownBy(() -> result(env, "dlv-made"))
        .isInstanceOf(WorkflowFailedException.class)
        .rootCause()
        .isInstanceOfSatisfying(ApplicationFailure.class, f -> assertThat(f.getDetails().get(String.class)).isEqualTo("attemptsMade"));
  }

  @Test
  void retriesOnTheScheduleThenFails(TestWorkflowEnvironment env, Worker worker) {
    ScriptedWebhookActivities activities = new ScriptedWebhookActivities(500, 503, 404, 500, 500);
    start(env, worker, activities, "dlv-fail");

    DeliveryStatus result = result(env, "dlv-fail");

    assertThat(result.status()).isEqualTo(WebhookDeliveryWorkflow.FAILED);
    assertThat(result.attempts()).isEqualTo(5);
    assertThat(result.nextAttemptAt()).isNull();
    assertThat(activities.calls)
        .extracting(call -> call.request().retryInSeconds())
        .containsExactly(60L, 300L, 1800L, 21600L, 0L);
    assertThat(activities.calls).allMatch(call -> call.request().deliveryId().equals("dlv-fail"));
    assertThat(activities.calls).allMatch(ScriptedWebhookActivities.Call::local);
    assertThat(attemptTimes(env, "dlv-fail")).hasSize(5);
    // The workflow's timers carry the schedule itself: exactly 1 min, 5 min, 30 min and 6 h.
    List<HistoryEvent> timers = timersStarted(env, "dlv-fail");
    assertThat(timers)
        .extracting(e -> e.getTimerStartedEventAttributes().getStartToFireTimeout().getSeconds())
        .containsExactly(60L, 300L, 1800L, 21600L);
    assertThat(timers)
        .extracting(
            e ->
                DefaultDataConverter.STANDARD_INSTANCE.fromPayload(
                    e.getUserMetadata().getSummary(), String.class, String.class))
        .containsExactly(
            "attempt 2 of 5 in 1m", "attempt 3 of 5 in 5m", "attempt 4 of 5 in 30m",
            "attempt 5 of 5 in 6h");
    assertThat(gapsBetweenAttempts(env, "dlv-fail"))
        .allSatisfy(gap -> assertThat(gap).isPositive())
        .zipSatisfy(
            WebhookDeliveryWorkflowImpl.RETRY_DELAYS,
            (gap, expected) -> assertThat(gap).isBetween(expected, expected.plusSeconds(5)));
  }

  @Test
  void stopsAtTheFirstSuccess(TestWorkflowEnvironment env, Worker worker) {
    ScriptedWebhookActivities activities = new ScriptedWebhookActivities(500, 502, 204);
    start(env, worker, activities, "dlv-ok");

    DeliveryStatus result = result(env, "dlv-ok");

    assertThat(result.status()).isEqualTo(WebhookDeliveryWorkflow.DELIVERED);
    assertThat(result.lastStatusCode()).isEqualTo(204);
    assertThat(activities.calls).hasSize(3);
  }

  @Test
  void goneDisablesAtOnce(TestWorkflowEnvironment env, Worker worker) {
    ScriptedWebhookActivities activities = new ScriptedWebhookActivities(410);
    start(env, worker, activities, "dlv-gone");

    DeliveryStatus result = result(env, "dlv-gone");

    assertThat(result.status()).isEqualTo(WebhookDeliveryWorkflow.DISABLED);
    assertThat(result.lastStatusCode()).isEqualTo(410);
    assertThat(activities.calls).hasSize(1);
  }

  @Test
  void cancelEndsAWaitingDeliveryWithoutAnotherAttempt(TestWorkflowEnvironment env, Worker worker)
      throws InterruptedException {
    ScriptedWebhookActivities activities = new ScriptedWebhookActivities(500, 200);
    WebhookDeliveryWorkflow workflow = start(env, worker, activities, "dlv-cancel");
    awaitStatus(workflow, WebhookDeliveryWorkflow.WAITING);

    workflow.cancel(null);
    DeliveryStatus result = result(env, "dlv-cancel");

    assertThat(result.status()).isEqualTo(WebhookDeliveryWorkflow.CANCELLED);
    assertThat(result.attempts()).isEqualTo(1);
    assertThat(activities.calls).hasSize(1);
    assertThat(activities.recorded)
        .containsExactly(new WebhookActivities.FinalState("dlv-cancel", WebhookDeliveryWorkflow.CANCELLED, "subscription deleted"));
    List<HistoryEvent> events =
        env.getWorkflowClient().fetchHistory(WebhookDeliveryWorkflow.workflowId("dlv-cancel")).getEvents();
    assertThat(events).anyMatch(e -> e.getEventType() == EventType.EVENT_TYPE_TIMER_CANCELED);
    assertThat(events)
        .filteredOn(e -> e.getEventType() == EventType.EVENT_TYPE_MARKER_RECORDED)
        .anyMatch(e -> e.toString().contains(WebhookDeliveryWorkflowImpl.CANCEL_CHANGE));
  }

  @Test
  void anAttemptThatCannotRunBecauseTheDatabaseIsDownIsRunAgainNotCounted(TestWorkflowEnvironment env, Worker worker) {
    // 60 tries fail (20 rounds of 3 quick local retries, then waits of 10 s doubling to 5 min):
    // more than an hour of outage.
    ScriptedWebhookActivities activities = new ScriptedWebhookActivities(200).attemptsUnavailable(60);
    start(env, worker, activities, "dlv-outage");

    DeliveryStatus result = result(env, "dlv-outage");

    assertThat(result.status()).isEqualTo(WebhookDeliveryWorkflow.DELIVERED);
    assertThat(result.attempts()).isEqualTo(1);
    assertThat(activities.attemptsRun()).isEqualTo(1);
    // Every try was attempt 1 (a failure would have been due in 1 min): none was counted.
    assertThat(activities.calls).hasSize(61).allMatch(call -> call.request().retryInSeconds() == 60);
    assertThat(timersStarted(env, "dlv-outage"))
        .extracting(e -> e.getTimerStartedEventAttributes().getStartToFireTimeout().getSeconds())
        .containsExactly(10L, 20L, 40L, 80L, 160L, 300L, 300L, 300L, 300L, 300L, 300L, 300L, 300L, 300L, 300L, 300L,
            300L, 300L, 300L, 300L);
  }

  @Test
  void attemptsThatCannotRunWithinTheToleranceEndTheDeliveryFailedAndTheRowSaysSo(
      TestWorkflowEnvironment env, Worker worker) {
    ScriptedWebhookActivities activities =
        new ScriptedWebhookActivities(200).attemptsUnavailable(Integer.MAX_VALUE).finalWritesUnavailable(4);
    start(env, worker, activities, new DeliveryRequest("dlv-down", null, Duration.ofMinutes(30)), WorkflowOptions.newBuilder());

    DeliveryStatus result = result(env, "dlv-down");

    assertThat(result.status()).isEqualTo(WebhookDeliveryWorkflow.FAILED);
    assertThat(result.attempts()).isZero();
    assertThat(activities.attemptsRun()).isZero();
    assertThat(activities.recorded)
        .containsExactly(new WebhookActivities.FinalState("dlv-down", WebhookDeliveryWorkflow.FAILED, "attempts could not run for 30m"));
  }

  @Test
  void aCancelledDeliveryIsRecordedOnceTheDatabaseIsBack(TestWorkflowEnvironment env, Worker worker)
      throws InterruptedException {
    ScriptedWebhookActivities activities = new ScriptedWebhookActivities(500).finalWritesUnavailable(12);
    WebhookDeliveryWorkflow workflow = start(env, worker, activities, "dlv-cancel-down");
    awaitStatus(workflow, WebhookDeliveryWorkflow.WAITING);

    workflow.cancel(null);
    DeliveryStatus result = result(env, "dlv-cancel-down");

    assertThat(result.status()).isEqualTo(WebhookDeliveryWorkflow.CANCELLED);
    assertThat(activities.recorded)
        .containsExactly(
            new WebhookActivities.FinalState("dlv-cancel-down", WebhookDeliveryWorkflow.CANCELLED, "subscription deleted"));
  }

  @Test
  void theRetryDelaysComeFromTheInput(TestWorkflowEnvironment env, Worker worker) {
    ScriptedWebhookActivities activities = new ScriptedWebhookActivities(500, 500, 500, 200);
    start(
        env, worker, activities,
        new DeliveryRequest("dlv-quick", List.of(Duration.ofSeconds(5), Duration.ofSeconds(7)), null),
        WorkflowOptions.newBuilder());

    DeliveryStatus result = result(env, "dlv-quick");

    assertThat(result.status()).isEqualTo(WebhookDeliveryWorkflow.FAILED);
    assertThat(activities.calls).extracting(call -> call.request().retryInSeconds()).containsExactly(5L, 7L, 0L);
  }

  @Test
  void anAttemptThatFindsItsSubscriptionDeletedEndsCancelled(TestWorkflowEnvironment env, Worker worker) {
    ScriptedWebhookActivities activities =
        new ScriptedWebhookActivities(ScriptedWebhookActivities.SUBSCRIPTION_DELETED);
    start(env, worker, activities, "dlv-deleted");

    DeliveryStatus result = result(env, "dlv-deleted");

    assertThat(result.status()).isEqualTo(WebhookDeliveryWorkflow.CANCELLED);
    assertThat(activities.calls).hasSize(1);
    assertThat(activities.cancelled).isEmpty(); // the attempt recorded it itself
  }

  @Test
  void redeliverSkipsTheWaitAndStatusShowsTheNextSlot(TestWorkflowEnvironment env, Worker worker)
      throws InterruptedException {
    ScriptedWebhookActivities activities = new ScriptedWebhookActivities(500, 200);
    WebhookDeliveryWorkflow workflow = start(env, worker, activities, "dlv-redeliver");

    DeliveryStatus waiting = awaitStatus(workflow, WebhookDeliveryWorkflow.WAITING);
    assertThat(waiting.attempts()).isEqualTo(1);
    assertThat(waiting.lastStatusCode()).isEqualTo(500);
    // Counted from the failure: one minute after the first attempt (its marker is written when
    // the workflow task that ran it completes, a few milliseconds after the workflow's clock read,
    // and after the query above may already answer WAITING: wait for the marker itself).
    Instant firstAttempt = awaitAttemptTimes(env, "dlv-redeliver", 1).get(0);
    assertThat(waiting.nextAttemptAt())
        .isBetween(
            firstAttempt.plus(Duration.ofMinutes(1)).minusSeconds(1),
            firstAttempt.plus(Duration.ofMinutes(1)).plusSeconds(5));

    workflow.redeliver();
    DeliveryStatus result = result(env, "dlv-redeliver");

    assertThat(result.status()).isEqualTo(WebhookDeliveryWorkflow.DELIVERED);
    assertThat(result.attempts()).isEqualTo(2);
    assertThat(gapsBetweenAttempts(env, "dlv-redeliver").get(0)).isLessThan(Duration.ofMinutes(1));
    List<HistoryEvent> events =
        env.getWorkflowClient()
            .fetchHistory(WebhookDeliveryWorkflow.workflowId("dlv-redeliver"))
            .getEvents();
    assertThat(events).anyMatch(e -> e.getEventType() == EventType.EVENT_TYPE_TIMER_CANCELED);
  }

  @Test
  void anAttemptLongerThanAWorkflowTaskRunsOnce(TestWorkflowEnvironment env, Worker worker) {
    // A slow endpoint holds the local activity past the workflow task timeout: the worker keeps
    // the task alive with heartbeats instead of letting the server time it out and retry it.
    ScriptedWebhookActivities activities =
        new ScriptedWebhookActivities(200).takingPerAttempt(Duration.ofMillis(2_500));
    start(
        env,
        worker,
        activities,
        "dlv-slow",
        WorkflowOptions.newBuilder().setWorkflowTaskTimeout(Duration.ofSeconds(1)));

    DeliveryStatus result = result(env, "dlv-slow");

    assertThat(result.status()).isEqualTo(WebhookDeliveryWorkflow.DELIVERED);
    assertThat(activities.calls).hasSize(1);
    assertThat(attemptTimes(env, "dlv-slow")).hasSize(1);
  }

  @Test
  void refusesAMissingDeliveryId(TestWorkflowEnvironment env, Worker worker) {
    ScriptedWebhookActivities activities = new ScriptedWebhookActivities();
    worker.registerActivitiesImplementations(activities);
    env.start();
    WebhookDeliveryWorkflow workflow =
        env.getWorkflowClient()
            .newWorkflowStub(
                WebhookDeliveryWorkflow.class,
                WorkflowOptions.newBuilder().setTaskQueue(worker.getTaskQueue()).build());

    assertThatThrownBy(() -> workflow.deliver(new DeliveryRequest(" ")))
        .isInstanceOf(WorkflowFailedException.class)
        .cause()
        .isInstanceOfSatisfying(
            ApplicationFailure.class,
            failure -> {
              assertThat(failure.getType()).isEqualTo("InvalidInput");
              assertThat(failure.getOriginalMessage()).isEqualTo("deliveryId is required");
              assertThat(failure.isNonRetryable()).isTrue();
            });
    assertThat(activities.calls).isEmpty();
  }

  static DeliveryStatus awaitStatus(WebhookDeliveryWorkflow workflow, String status)
      throws InterruptedException {
    for (int i = 0; i < 200; i++) {
      DeliveryStatus current = workflow.status();
      if (status.equals(current.status())) {
        return current;
      }
      Thread.sleep(25);
    }
    throw new AssertionError("delivery never reached " + status + ": " + workflow.status());
  }
}
