package io.workerplatform.host.queues;

import io.workerplatform.common.NotFoundException;
import io.workerplatform.common.Page;
import io.workerplatform.host.workers.QueuePauses;
import io.workerplatform.queues.QueuePauseStore;
import java.time.Instant;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The operator pauses and resumes a task queue's processing on every host (admin token only):
 * new work is accepted and waits in the queue, work in flight finishes. Pausing one cron job is
 * {@code /api/cron/{name}/pause}; this stops a whole queue ({@code cron} included).
 */
@RestController
class QueueApi {
  /** {@code servedHere}: whether the host that answered has workers on it. */
  record Queue(String name, boolean paused, Instant pausedAt, boolean servedHere) {}

  private final QueuePauseStore store;
  private final QueuePauses pauses;

  QueueApi(QueuePauseStore store, QueuePauses pauses) {
    this.store = store;
    this.pauses = pauses;
  }

  @GetMapping("/api/queues")
  Page<Queue> list() {
    var paused = store.paused();
    return new Page<>(pauses.queues().stream()
        .map(q -> new Queue(q, paused.containsKey(q), paused.get(q), pauses.servedHere(q)))
        .toList(), null);
  }

  @GetMapping("/api/queues/{name}")
  Queue get(@PathVariable String name) {
    String queue = known(name);
    Instant since = store.pausedSince(queue).orElse(null);
    return new Queue(queue, since != null, since, pauses.servedHere(queue));
  }

  /** Every host stops taking the queue's tasks within {@code platform.workers.pause-check-interval}; this one at once. */
  @PostMapping("/api/queues/{name}/pause")
  Queue pause(@PathVariable String name) {
    String queue = known(name);
    Instant since = store.pause(queue);
    pauses.check();
    return new Queue(queue, true, since, pauses.servedHere(queue));
  }

  @PostMapping("/api/queues/{name}/resume")
  Queue resume(@PathVariable String name) {
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
