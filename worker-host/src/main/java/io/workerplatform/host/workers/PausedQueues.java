package io.workerplatform.host.workers;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** The task queues paused as this host last read them (by {@link QueuePauses}). */
@Component
public class PausedQueues {
  private volatile Map<String, Instant> paused = Map.of();

  void set(Map<String, Instant> read) {
    paused = Map.copyOf(read);
  }

  public boolean isPaused(String queue) {
    return paused.containsKey(queue);
  }

  public Optional<Instant> since(String queue) {
    return Optional.ofNullable(paused.get(queue));
  }
}
