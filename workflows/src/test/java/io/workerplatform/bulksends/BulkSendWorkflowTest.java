package io.workerplatform.bulksends;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import io.workerplatform.bulksends.BulkSendActivities.BatchRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class BulkSendWorkflowTest {

  @RegisterExtension
  static final TestWorkflowExtension testWorkflow =
      TestWorkflowExtension.newBuilder()
          .registerWorkflowImplementationTypes(BulkSendWorkflowImpl.class)
          .setDoNotStart(true)
          .build();

  /** c001 ... cNNN, with every 7th suppressed, every 11th skipped and every 13th failed. */
  static List<String> recipients(int count) {
    return IntStream.rangeClosed(1, count)
        .mapToObj(
            i -> String.format("c%03d", i) + (i % 7 == 0 ? "s" : i % 11 == 0 ? "k" : i % 13 == 0 ? "f" : ""))
        .toList();
  }

  static BulkSendWorkflow start(
      TestWorkflowEnvironment env, Worker worker, InMemoryBulkSendActivities activities, String id) {
    return start(env, worker, activities, id, null);
  }

  /** Started to send at {@code sendAt} (null: at once). */
  static BulkSendWorkflow start(
      TestWorkflowEnvironment env, Worker worker, InMemoryBulkSendActivities activities, String id,
      java.time.Instant sendAt) {
    worker.registerActivitiesImplementations(activities);
    env.start();
    BulkSendWorkflow workflow =
        env.getWorkflowClient()
            .newWorkflowStub(
                BulkSendWorkflow.class,
                WorkflowOptions.newBuilder()
                    .setWorkflowId(BulkSendWorkflow.workflowId(id))
                    .setTaskQueue(worker.getTaskQueue())
                    .build());
    WorkflowClient.start(workflow::run, BulkSendInput.start(id, sendAt));
    return workflow;
  }

  static void awaitStatus(BulkSendWorkflow workflow, String status) throws InterruptedException {
    for (int i = 0; i < 300 && !status.equals(workflow.progress().status()); i++) {
      Thread.sleep(50);
    }
    assertThat(workflow.progress().status()).isEqualTo(status);
  }

  @Test
  void aScheduledBulkSendWaitsForItsTimeOnATimerThenSends(TestWorkflowEnvironment env, Worker worker)
      throws InterruptedException {
    List<String> ids = recipients(10);
    var activities = new InMemoryBulkSendActivities(ids, new BulkSendPlan(10, 5, 2, 10_000), 0);
    java.time.Instant sendAt = java.time.Instant.now().plus(Duration.ofHours(1));
    BulkSendWorkflow workflow = start(env, worker, activities, "bs-scheduled", sendAt);
    awaitStatus(workflow, BulkSendWorkflow.SCHEDULED);
    assertThat(activities.batches).isEmpty();

    BulkSendProgress progress = result(env, "bs-scheduled");

    assertThat(progress.status()).isEqualTo(BulkSendWorkflow.COMPLETED);
    assertThat(activities.sent).containsExactlyInAnyOrderElementsOf(ids);
    var timers =
        env.getWorkflowClient().fetchHistory(BulkSendWorkflow.workflowId("bs-scheduled")).getEvents().stream()
            .filter(e -> e.getEventType() == io.temporal.api.enums.v1.EventType.EVENT_TYPE_TIMER_STARTED)
            .toList();
    assertThat(timers).singleElement().satisfies(t ->
        assertThat(t.getTimerStartedEventAttributes().getStartToFireTimeout().getSeconds()).isBetween(3000L, 3600L));
  }

  @Test
  void aScheduledBulkSendCancelledBeforeItsTimeReadsNoRecipient(TestWorkflowEnvironment env, Worker worker)
      throws InterruptedException {
    var activities = new InMemoryBulkSendActivities(recipients(10), new BulkSendPlan(10, 5, 2, 10_000), 0);
    BulkSendWorkflow workflow =
        start(env, worker, activities, "bs-scheduled-cancel", java.time.Instant.now().plus(Duration.ofDays(1)));
    awaitStatus(workflow, BulkSendWorkflow.SCHEDULED);

    workflow.cancel();
    BulkSendProgress progress = result(env, "bs-scheduled-cancel");

    assertThat(progress.status()).isEqualTo(BulkSendWorkflow.CANCELLED);
    assertThat(activities.batches).isEmpty();
    assertThat(activities.finished).singleElement().satisfies(f -> assertThat(f.status()).isEqualTo(BulkSendWorkflow.CANCELLED));
  }

  private static BulkSendProgress result(TestWorkflowEnvironment env, String id) {
    return env.getWorkflowClient()
        .newUntypedWorkflowStub(BulkSendWorkflow.workflowId(id))
        .getResult(BulkSendProgress.class);
  }

  /** The batches' ranges chain from the start to the last recipient without gap or overlap. */
  private static void assertContiguous(List<BatchRequest> batches, List<String> recipients) {
    List<BatchRequest> ordered = new ArrayList<>(batches);
    ordered.sort(java.util.Comparator.comparing(BatchRequest::throughContactId));
    assertThat(ordered.get(0).afterContactId()).isNull();
    for (int i = 1; i < ordered.size(); i++) {
      assertThat(ordered.get(i).afterContactId()).isEqualTo(ordered.get(i - 1).throughContactId());
    }
    assertThat(ordered.get(ordered.size() - 1).throughContactId()).isEqualTo(recipients.get(recipients.size() - 1));
  }

  @Test
  void pagesThroughEveryRecipientOnceWithinTheWindow(TestWorkflowEnvironment env, Worker worker) {
    List<String> ids = recipients(50);
    var activities = new InMemoryBulkSendActivities(ids, new BulkSendPlan(50, 4, 3, 10_000), 40);
    start(env, worker, activities, "bs-window");

    BulkSendProgress progress = result(env, "bs-window");

    assertThat(activities.sent).containsExactlyInAnyOrderElementsOf(ids);
    assertThat(activities.batches).hasSize(13); // 12 pages of 4 and one of 2
    assertContiguous(activities.batches, ids);
    assertThat(activities.maxInFlight.get()).isEqualTo(3);
    Counters expected = ids.stream().map(InMemoryBulkSendActivities::outcomeOf).reduce(Counters.ZERO, Counters::plus);
    assertThat(progress)
        .isEqualTo(
            new BulkSendProgress(
                "bs-window", "COMPLETED", 50, expected.sent(), expected.skipped(), expected.suppressed(),
                expected.failed(), 0, 1));
    assertThat(activities.finished).extracting(f -> f.status()).containsExactly("COMPLETED");
  }

  @Test
  void continuesAsNewCarryingCursorAndCounters(TestWorkflowEnvironment env, Worker worker) {
    List<String> ids = recipients(60);
    var activities = new InMemoryBulkSendActivities(ids, new BulkSendPlan(60, 3, 2, 40), 0);
    start(env, worker, activities, "bs-can");

    BulkSendProgress progress = result(env, "bs-can");

    assertThat(progress.run()).isGreaterThan(2);
    assertThat(activities.sent).containsExactlyInAnyOrderElementsOf(ids);
    assertContiguous(activities.batches, ids);
    assertThat(progress.sent() + progress.skipped() + progress.suppressed() + progress.failed()).isEqualTo(60);
    assertThat(progress.status()).isEqualTo("COMPLETED");
    // Every run stayed short: the last run's history is bounded by the threshold plus one batch.
    long lastRunEvents =
        env.getWorkflowClient().fetchHistory(BulkSendWorkflow.workflowId("bs-can")).getHistory().getEventsCount();
    assertThat(lastRunEvents).isLessThan(80);
  }

  @Test
  void pauseHoldsNewBatchesUntilResume(TestWorkflowEnvironment env, Worker worker) throws Exception {
    List<String> ids = recipients(30);
    var activities = new InMemoryBulkSendActivities(ids, new BulkSendPlan(30, 2, 1, 10_000), 20);
    BulkSendWorkflow workflow = start(env, worker, activities, "bs-pause");

    workflow.pause();
    Thread.sleep(300);
    int batchesWhilePaused = activities.batches.size();
    Thread.sleep(500);
    assertThat(activities.batches).hasSize(batchesWhilePaused); // nothing new while paused
    assertThat(workflow.progress().status()).isEqualTo("PAUSED");
    assertThat(activities.sent.size()).isLessThan(30);

    workflow.resume();
    BulkSendProgress progress = result(env, "bs-pause");

    assertThat(progress.status()).isEqualTo("COMPLETED");
    assertThat(activities.sent).containsExactlyInAnyOrderElementsOf(ids);
  }

  @Test
  void cancelStopsTheBatchesInFlightAndEndsCancelled(TestWorkflowEnvironment env, Worker worker) throws Exception {
    List<String> ids = recipients(60);
    var activities = new InMemoryBulkSendActivities(ids, new BulkSendPlan(60, 30, 1, 10_000), 200);
    BulkSendWorkflow workflow = start(env, worker, activities, "bs-cancel");
    while (activities.sent.isEmpty()) {
      Thread.sleep(20);
    }

    workflow.cancel();
    BulkSendProgress progress = result(env, "bs-cancel");

    assertThat(progress.status()).isEqualTo("CANCELLED");
    assertThat(activities.finished).extracting(f -> f.status()).containsExactly("CANCELLED");
    assertThat(activities.cancelled).isNotEmpty();
    assertThat(activities.sent.size()).isLessThan(30); // the first batch was cut short
    // The final counters are the ones the message log holds, including the cancelled batches' sends.
    assertThat(progress.sent() + progress.skipped() + progress.suppressed() + progress.failed())
        .isEqualTo(activities.sent.size());
  }
}
