package io.workerplatform.webhook;

import io.temporal.activity.Activity;
import io.workerplatform.webhook.AttemptOutcome.Result;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Answers attempts from a script of HTTP status codes and records what the workflow asked. */
class ScriptedWebhookActivities implements WebhookActivities {

  record Call(AttemptRequest request, boolean local) {}

  /** In a script: the attempt finds its subscription deleted (nothing sent). */
  static final int SUBSCRIPTION_DELETED = -1;

  private final Deque<Integer> statusCodes;
  final List<Call> calls = new CopyOnWriteArrayList<>();
  final List<String> cancelled = new CopyOnWriteArrayList<>();

  private Duration perAttempt = Duration.ZERO;

  ScriptedWebhookActivities(Integer... statusCodes) {
    this.statusCodes = new ArrayDeque<>(List.of(statusCodes));
  }

  /** Makes every attempt take this long (in real time), like a slow endpoint. */
  ScriptedWebhookActivities takingPerAttempt(Duration duration) {
    this.perAttempt = duration;
    return this;
  }

  @Override
  public synchronized AttemptOutcome attempt(AttemptRequest request) {
    calls.add(new Call(request, Activity.getExecutionContext().getInfo().isLocal()));
    try {
      Thread.sleep(perAttempt);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
    int code = statusCodes.isEmpty() ? 500 : statusCodes.poll();
    if (code == SUBSCRIPTION_DELETED) {
      return new AttemptOutcome(0, Result.CANCELLED, null);
    }
    Result result =
        code >= 200 && code < 300 ? Result.DELIVERED : code == 410 ? Result.GONE : Result.FAILED;
    return new AttemptOutcome(calls.size(), result, code);
  }

  @Override
  public void markCancelled(String deliveryId) {
    cancelled.add(deliveryId);
  }
}
