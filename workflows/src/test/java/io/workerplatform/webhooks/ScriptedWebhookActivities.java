package io.workerplatform.webhooks;

import io.temporal.activity.Activity;
import io.workerplatform.webhooks.AttemptOutcome.Result;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Answers attempts from a script of HTTP status codes and records what the workflow asked. */
class ScriptedWebhookActivities implements WebhookActivities {

  record Call(AttemptRequest request, boolean local, boolean ran) {}

  /** In a script: the attempt finds its subscription deleted (nothing sent). */
  static final int SUBSCRIPTION_DELETED = -1;

  private final Deque<Integer> statusCodes;
  final List<Call> calls = new CopyOnWriteArrayList<>();
  final List<String> cancelled = new CopyOnWriteArrayList<>();

  final List<FinalState> recorded = new CopyOnWriteArrayList<>();

  private Duration perAttempt = Duration.ZERO;
  /** Attempts, and final writes, that still fail as if the database were down. */
  private int attemptsUnavailable;
  private int finalWritesUnavailable;

  ScriptedWebhookActivities(Integer... statusCodes) {
    this.statusCodes = new ArrayDeque<>(List.of(statusCodes));
  }

  /** Makes every attempt take this long (in real time), like a slow endpoint. */
  ScriptedWebhookActivities takingPerAttempt(Duration duration) {
    this.perAttempt = duration;
    return this;
  }

  /** The next {@code attempts} attempts fail as they do while PostgreSQL is down. */
  ScriptedWebhookActivities attemptsUnavailable(int attempts) {
    this.attemptsUnavailable = attempts;
    return this;
  }

  /** The next {@code writes} final writes fail as they do while PostgreSQL is down. */
  ScriptedWebhookActivities finalWritesUnavailable(int writes) {
    this.finalWritesUnavailable = writes;
    return this;
  }

  private static IllegalStateException databaseDown() {
    return new IllegalStateException("Connection to 127.0.0.1:5432 refused (database unavailable)");
  }

  /** Attempts that ran (an attempt that could not run is no attempt). */
  long attemptsRun() {
    return calls.stream().filter(Call::ran).count();
  }

  @Override
  public synchronized AttemptOutcome attempt(AttemptRequest request) {
    boolean unavailable = attemptsUnavailable > 0;
    calls.add(new Call(request, Activity.getExecutionContext().getInfo().isLocal(), !unavailable));
    if (unavailable) {
      attemptsUnavailable--;
      throw databaseDown();
    }
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
    return new AttemptOutcome((int) attemptsRun(), result, code);
  }

  @Override
  public void markCancelled(String deliveryId) {
    cancelled.add(deliveryId);
  }

  @Override
  public synchronized void recordFinal(FinalState state) {
    if (finalWritesUnavailable > 0) {
      finalWritesUnavailable--;
      throw databaseDown();
    }
    recorded.add(state);
  }
}
