package io.workerplatform.host.queues;

import io.workerplatform.common.NotFoundException;
import io.workerplatform.host.workers.QueuePauses;
import io.workerplatform.queues.QueuePauseStore;
import java.time.Instant;
import java.util.List;
import org.springframework.stereotype.Service;

/**
 * Pausing and resuming a task queue's processing on every host, for the API and the console alike:
 * the pause is a row every host reads; the host that was asked applies it at once.
 */
@Service
public class TaskQueueControl {
  /** {@code servedHere}: whether the host that answered has workers on it. */
  public record Queue(String name, boolean paused, Instant pausedAt, boolean servedHere) {}

  private final QueuePauseStore store;
  private final QueuePauses pauses;

  TaskQueueControl(QueuePauseStore store, QueuePauses pauses) {
    this.store = store;
    this.pauses = pauses;
  }

  /** Every task queue of the platform, paused or not. */
  public List<Queue> list() {
    var paused = store.paused();
    return pauses.queues().stream()
        .map(q -> new Queue(q, paused.containsKey(q), paused.get(q), pauses.servedHere(q)))
        .toList();
  }

  public Queue get(String name) {
    String queue = known(name);
    Instant since = store.pausedSince(queue).orElse(null);
    return new Queue(queue, since != null, since, pauses.servedHere(queue));
  }

  /** Every host stops taking the queue's tasks within {@code platform.workers.pause-check-interval}; this one at once. */
  public Queue pause(String name) {
    String queue = known(name);
    Instant since = store.pause(queue);
    pauses.check();
    return new Queue(queue, true, since, pauses.servedHere(queue));
  }

  public Queue resume(String name) {
    String queue = known(name);
    store.resume(queue);
    pauses.check();
    return new Queue(queue, false, null, pauses.servedHere(queue));
  }

  private String known(String name) {
    if (!pauses.queues().contains(name)) {
      throw new NotFoundException("task queue", name);
    }
    return name;
  }
}
