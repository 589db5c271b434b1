package io.workerplatform.host.queues;

import io.workerplatform.common.Page;
import io.workerplatform.host.queues.TaskQueueControl.Queue;
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
  private final TaskQueueControl queues;

  QueueApi(TaskQueueControl queues) {
    this.queues = queues;
  }

  @GetMapping("/api/queues")
  Page<Queue> list() {
    return new Page<>(queues.list(), null);
  }

  @GetMapping("/api/queues/{name}")
  Queue get(@PathVariable String name) {
    return queues.get(name);
  }

  @PostMapping("/api/queues/{name}/pause")
  Queue pause(@PathVariable String name) {
    return queues.pause(name);
  }

  @PostMapping("/api/queues/{name}/resume")
  Queue resume(@PathVariable String name) {
    return queues.resume(name);
  }
}
