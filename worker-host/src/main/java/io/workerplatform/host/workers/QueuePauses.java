package io.workerplatform.host.workers;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.temporal.worker.Worker;
import io.workerplatform.queues.QueuePauseStore;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jooq.exception.DataAccessException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Pausing a task queue on every host: the pause is a row ({@link QueuePauseStore}), and each host
 * looks every {@code platform.workers.pause-check-interval} and suspends or resumes its workers'
 * polling of the queues to match. A paused queue takes no new task here: Temporal keeps its new
 * workflow and activity tasks waiting (nothing is lost, and an activity that has not started has
 * spent none of its attempts), and the tasks in flight finish. An activity a poll already under
 * way took as the queue paused is held before it starts ({@link PausedQueueHold}). Each change is a log line, and
 * {@code platform.task_queue.paused} (tag {@code queue}) is 1 while a queue is paused.
 */
@Component
public class QueuePauses {
  private static final Logger log = LoggerFactory.getLogger(QueuePauses.class);

  private final PlatformWorkers workers;
  private final QueuePauseStore store;
  private final PausedQueues paused;
  private final Duration interval;
  private ScheduledExecutorService checker;

  QueuePauses(
      PlatformWorkers workers, QueuePauseStore store, PausedQueues paused, MeterRegistry meters,
      WorkersProperties properties) {
    this.workers = workers;
    this.store = store;
    this.paused = paused;
    this.interval = properties.pauseCheckInterval();
    for (String queue : workers.registeredQueues()) {
      Gauge.builder("platform.task_queue.paused", () -> paused.isPaused(queue) ? 1 : 0)
          .tag("queue", queue)
          .description("1 while the operator has the task queue paused")
          .register(meters);
    }
  }

  /** Every queue a capability registers: what can be paused. */
  public List<String> queues() {
    return workers.registeredQueues();
  }

  /** Whether this process has workers on {@code queue}. */
  public boolean servedHere(String queue) {
    return !workers.workers(queue).isEmpty();
  }

  /** Since when {@code queue} is paused, as last read. */
  public Optional<Instant> pausedSince(String queue) {
    return paused.since(queue);
  }

  /** Reads the pauses and matches this host's workers to them now (the API calls it after a change). */
  public synchronized void check() {
    Map<String, Instant> read;
    try {
      read = store.paused();
    } catch (DataAccessException e) {
      log.warn("Cannot read the task queue pauses ({}): polling stays as it is", e.getClass().getSimpleName());
      return;
    }
    paused.set(read);
    for (String queue : workers.registeredQueues()) {
      boolean pause = read.containsKey(queue);
      for (Worker worker : workers.workers(queue)) {
        if (pause && !worker.isSuspended()) {
          worker.suspendPolling();
          log.info("Task queue {} paused: this host takes no new task from it (tasks in flight finish)", queue);
        } else if (!pause && worker.isSuspended()) {
          worker.resumePolling();
          log.info("Task queue {} resumed: this host takes its tasks again", queue);
        }
      }
    }
  }

  @EventListener(ApplicationReadyEvent.class)
  synchronized void startChecking() {
    check();
    if (checker == null) {
      checker = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("queue-pauses").daemon().factory());
      checker.scheduleWithFixedDelay(this::check, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }
  }
}
