package io.workerplatform.host.workers;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param taskQueues the queues this process serves ({@code all}, the default: every queue a
 *     capability registers), so the same jar runs all-in-one or as one deployment per queue
 * @param drainTimeout how long a stopping process lets in-flight activities finish
 * @param stickyExecution route a workflow's next task to the worker that has it cached. Turn it
 *     off when workers run against the embedded test server as a process of its own: that server
 *     never moves a task off the sticky queue of a worker that died, so its workflows would stall
 * @param virtualWorkflowThreads run workflow code on virtual threads (every cached workflow holds
 *     one while it waits); false falls back to the SDK's pool of platform threads
 * @param pauseCheckInterval how often a host reads which task queues the operator paused
 *     ({@code POST /api/queues/{name}/pause}) and suspends or resumes its polling to match
 */
@ConfigurationProperties("platform.workers")
public record WorkersProperties(
    @DefaultValue(WorkersProperties.ALL) List<String> taskQueues,
    @DefaultValue("30s") Duration drainTimeout,
    @DefaultValue("true") boolean stickyExecution,
    @DefaultValue("true") boolean virtualWorkflowThreads,
    @DefaultValue("2s") Duration pauseCheckInterval) {

  /** Every task queue a capability registers workers for ({@link CapabilityWorkers}). */
  public static final String ALL = "all";

  /** Whether this process serves {@code queue} (any registered one, with {@code all}). */
  public boolean serves(String queue) {
    return taskQueues.equals(List.of(ALL)) || taskQueues.contains(queue);
  }

  /**
   * The queues to serve, in the order given ({@code all}: every registered one, in registration
   * order).
   *
   * @throws IllegalArgumentException for a queue no capability registers
   */
  public List<String> selected(Collection<String> registered) {
    List<String> known = registered.stream().distinct().toList();
    if (taskQueues.equals(List.of(ALL))) {
      return known;
    }
    List<String> unknown = taskQueues.stream().filter(q -> !known.contains(q)).toList();
    if (!unknown.isEmpty()) {
      throw new IllegalArgumentException(
          "platform.workers.task-queues: unknown queue(s) " + unknown + "; known: " + known);
    }
    return taskQueues.stream().distinct().toList();
  }
}
