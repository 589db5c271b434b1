package io.workerplatform.bulksends;

import io.temporal.activity.ActivityCancellationType;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.workflow.Async;
import io.temporal.workflow.CancellationScope;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import io.workerplatform.bulksends.BulkSendActivities.BatchRequest;
import io.workerplatform.bulksends.BulkSendActivities.FinishRequest;
import io.workerplatform.bulksends.BulkSendActivities.Page;
import io.workerplatform.bulksends.BulkSendActivities.PageRequest;
import io.workerplatform.bulksends.BulkSendInput.Carry;
import io.workerplatform.common.InvalidInput;
import io.workerplatform.common.SteeredWork;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.time.Instant;
import io.temporal.workflow.TimerOptions;

public class BulkSendWorkflowImpl implements BulkSendWorkflow {

  /** Transient failures (database, SES throttling) retry without end; invalid input does not. */
  static final RetryOptions RETRY =
      RetryOptions.newBuilder()
          .setInitialInterval(Duration.ofSeconds(1))
          .setBackoffCoefficient(2)
          .setMaximumInterval(Duration.ofMinutes(1))
          .setDoNotRetry(InvalidInput.TYPE)
          .build();

  static final ActivityOptions STEP_OPTIONS =
      ActivityOptions.newBuilder().setStartToCloseTimeout(Duration.ofSeconds(30)).setRetryOptions(RETRY).build();

  /**
   * A batch heartbeats after every recipient: a dead worker's batch is retried elsewhere within
   * the heartbeat timeout, and a cancel reaches it between two recipients.
   */
  static final ActivityOptions BATCH_OPTIONS =
      ActivityOptions.newBuilder()
          .setStartToCloseTimeout(Duration.ofMinutes(30))
          .setHeartbeatTimeout(Duration.ofSeconds(5))
          .setCancellationType(ActivityCancellationType.WAIT_CANCELLATION_COMPLETED)
          .setRetryOptions(RETRY)
          .build();

  /**
   * Since version 1 of this change a bulk send may be scheduled ({@code sendAt}): the workflow
   * waits for it on a timer, and a cancel during the wait ends it before a recipient is read.
   * Histories from before never carry {@code sendAt}, so they never reach the new commands.
   */
  static final String SCHEDULED_START_CHANGE = "scheduled-start";

  private final BulkSendActivities steps =
      Workflow.newActivityStub(BulkSendActivities.class, STEP_OPTIONS);

  private String bulkSendId;
  private BulkSendPlan plan;
  private Counters counters = Counters.ZERO;
  private String status = RUNNING;
  private boolean paused;
  private boolean cancelRequested;
  private int run = 1;
  /** The scopes of the batches in flight: cancelling one stops its batch. */
  private final List<CancellationScope> inFlight = new ArrayList<>();
  private RuntimeException batchFailure;

  @Override
  public BulkSendProgress run(BulkSendInput input) {
    bulkSendId = InvalidInput.requireText("bulkSendId", input == null ? null : input.bulkSendId());
    String cursor = null;
    if (input.carry() == null && input.sendAt() != null
        && Workflow.getVersion(SCHEDULED_START_CHANGE, Workflow.DEFAULT_VERSION, 1) == 1
        && !waitForSendAt(input.sendAt())) {
      counters = steps.finish(new FinishRequest(bulkSendId, CANCELLED));
      status = CANCELLED;
      Workflow.setCurrentDetails("CANCELLED before its time");
      return progress();
    }
    if (input.carry() == null) {
      plan = steps.prepare(bulkSendId);
    } else {
      Carry carry = input.carry();
      plan = carry.plan();
      cursor = carry.cursor();
      counters = carry.counters();
      paused = carry.paused();
      run = carry.run();
    }
    showProgress();

    while (true) {
      Workflow.await(
          () -> cancelRequested || batchFailure != null || (!paused && inFlight.size() < plan.window()));
      failOnBatchFailure();
      if (cancelRequested) {
        break;
      }
      if (SteeredWork.historyIsLarge(plan.continueAsNewAfterEvents())) {
        Workflow.await(() -> inFlight.isEmpty() || cancelRequested);
        if (!cancelRequested) {
          Workflow.continueAsNew(
              new BulkSendInput(bulkSendId, new Carry(plan, cursor, counters, paused, run + 1)));
        }
        break;
      }
      Page page = steps.nextPage(new PageRequest(bulkSendId, cursor, plan.pageSize()));
      if (page.size() == 0) {
        break;
      }
      startBatch(cursor, page.throughContactId());
      cursor = page.throughContactId();
    }

    if (cancelRequested) {
      status = CANCELLING;
      // A batch in flight stops after the recipient it is sending to.
      List.copyOf(inFlight).forEach(CancellationScope::cancel);
    }
    Workflow.await(() -> inFlight.isEmpty() || batchFailure != null);
    failOnBatchFailure();
    String finalStatus = cancelRequested ? CANCELLED : COMPLETED;
    // The message log is the truth: it also counts what cancelled batches sent before stopping.
    counters = steps.finish(new FinishRequest(bulkSendId, finalStatus));
    status = finalStatus;
    showProgress();
    return progress();
  }

  /** Waits until {@code sendAt}; false when cancelled meanwhile. */
  private boolean waitForSendAt(Instant sendAt) {
    Duration wait = Duration.ofMillis(Math.max(0, sendAt.toEpochMilli() - Workflow.currentTimeMillis()));
    if (wait.isZero()) {
      return !cancelRequested;
    }
    status = SCHEDULED;
    Workflow.setCurrentDetails("SCHEDULED: sends at " + sendAt);
    Promise<Void> timer =
        Workflow.newTimer(wait, TimerOptions.newBuilder().setSummary("send at " + sendAt).build());
    Workflow.await(() -> timer.isCompleted() || cancelRequested);
    status = RUNNING;
    return !cancelRequested;
  }

  private void startBatch(String after, String through) {
    BulkSendActivities batch =
        Workflow.newActivityStub(
            BulkSendActivities.class,
            ActivityOptions.newBuilder(BATCH_OPTIONS)
                .setSummary("recipients after " + (after == null ? "the start" : after) + " through " + through)
                .build());
    List<Promise<Counters>> started = new ArrayList<>(1);
    CancellationScope scope =
        Workflow.newCancellationScope(
            () -> started.add(Async.function(batch::sendBatch, new BatchRequest(bulkSendId, after, through))));
    scope.run();
    inFlight.add(scope);
    started.get(0).handle(
        (result, failure) -> {
          inFlight.remove(scope);
          if (result != null) {
            counters = counters.plus(result);
          } else if (!SteeredWork.isCancellation(failure)) {
            batchFailure = failure; // only invalid input gets here: transient errors retry
          }
          showProgress();
          return null;
        });
  }

  private void failOnBatchFailure() {
    if (batchFailure != null) {
      throw batchFailure;
    }
  }

  /** RUNNING reads PAUSED while paused; the other statuses stand as they are. */
  private String displayStatus() {
    return paused && RUNNING.equals(status) ? PAUSED : status;
  }

  private void showProgress() {
    Workflow.setCurrentDetails(
        String.format(
            "%s: %d of %d done (sent %d, skipped %d, suppressed %d, failed %d); %d batch(es) in flight; run %d",
            displayStatus(), counters.done(), plan.total(), counters.sent(), counters.skipped(),
            counters.suppressed(), counters.failed(), inFlight.size(), run));
  }

  @Override
  public void pause() {
    paused = true;
    if (plan != null) {
      showProgress();
    }
  }

  @Override
  public void resume() {
    paused = false;
    if (plan != null) {
      showProgress();
    }
  }

  @Override
  public void cancel() {
    cancelRequested = true;
  }

  @Override
  public BulkSendProgress progress() {
    return new BulkSendProgress(
        bulkSendId,
        displayStatus(),
        plan == null ? 0 : plan.total(),
        counters.sent(),
        counters.skipped(),
        counters.suppressed(),
        counters.failed(),
        inFlight.size(),
        run);
  }
}
