package io.workerplatform.host.workers;

import io.workerplatform.common.TaskQueues;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param taskQueues the queues this process serves (default: all), so the same jar runs all-in-one
 *     or as one deployment per queue
 * @param drainTimeout how long a stopping process lets in-flight activities finish
 */
@ConfigurationProperties("platform.workers")
public record WorkersProperties(
    @DefaultValue({
          TaskQueues.WEBHOOKS, TaskQueues.EMAIL, TaskQueues.BULK_SEND, TaskQueues.SIGNATURES,
          TaskQueues.GDPR, TaskQueues.EVENTS, TaskQueues.EVENTS_LOW_PRIORITY, TaskQueues.CRON
        })
        List<String> taskQueues,
    @DefaultValue("30s") Duration drainTimeout) {

  public WorkersProperties {
    List<String> unknown = taskQueues.stream().filter(q -> !TaskQueues.ALL.contains(q)).toList();
    if (!unknown.isEmpty()) {
      throw new IllegalArgumentException(
          "platform.workers.task-queues: unknown queue(s) " + unknown + "; known: " + TaskQueues.ALL);
    }
  }
}
