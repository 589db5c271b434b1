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
 * @param stickyExecution route a workflow's next task to the worker that has it cached. Turn it
 *     off when workers run against the embedded test server as a process of its own: that server
 *     never moves a task off the sticky queue of a worker that died, so its workflows would stall
 * @param virtualWorkflowThreads run workflow code on virtual threads (every cached workflow holds
 *     one while it waits); false falls back to the SDK's pool of platform threads
 */
@ConfigurationProperties("platform.workers")
public record WorkersProperties(
    @DefaultValue({
          TaskQueues.WEBHOOKS, TaskQueues.EMAIL, TaskQueues.BULK_SEND, TaskQueues.SIGNATURES,
          TaskQueues.GDPR, TaskQueues.EVENTS, TaskQueues.EVENTS_LOW_PRIORITY, TaskQueues.CRON,
          TaskQueues.PETITIONS, TaskQueues.NOTIFICATIONS
        })
        List<String> taskQueues,
    @DefaultValue("30s") Duration drainTimeout,
    @DefaultValue("true") boolean stickyExecution,
    @DefaultValue("true") boolean virtualWorkflowThreads) {

  public WorkersProperties {
    List<String> unknown = taskQueues.stream().filter(q -> !TaskQueues.ALL.contains(q)).toList();
    if (!unknown.isEmpty()) {
      throw new IllegalArgumentException(
          "platform.workers.task-queues: unknown queue(s) " + unknown + "; known: " + TaskQueues.ALL);
    }
  }
}
