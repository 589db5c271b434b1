package io.workerplatform.host.workers;

import io.temporal.client.WorkflowClient;
import io.temporal.common.interceptors.WorkerInterceptor;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import io.temporal.worker.WorkerFactoryOptions;
import io.temporal.worker.WorkerOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Owns the worker factory: starts a worker for each selected task queue once the context is up,
 * and on shutdown stops polling, lets in-flight tasks finish within the drain timeout, then
 * exits. (The Temporal starter's own factory bean shuts down without waiting; it is not used.)
 */
@Component
class PlatformWorkers implements SmartLifecycle {
  private static final Logger log = LoggerFactory.getLogger(PlatformWorkers.class);

  private final WorkflowClient client;
  private final WorkersProperties properties;
  private final List<CapabilityWorkers> capabilities;
  private final List<WorkerInterceptor> interceptors;
  private final List<String> queues;
  private volatile WorkerFactory factory;
  /** The workers of each queue this process serves, once started. */
  private volatile Map<String, List<Worker>> workersByQueue = Map.of();

  PlatformWorkers(
      WorkflowClient client, WorkersProperties properties, List<CapabilityWorkers> capabilities,
      List<WorkerInterceptor> interceptors) {
    this.client = client;
    this.properties = properties;
    this.capabilities = capabilities;
    this.interceptors = interceptors;
    // a queue that no capability registers stops the start, naming the known ones
    this.queues = properties.selected(capabilities.stream().map(CapabilityWorkers::taskQueue).toList());
  }

  private WorkerOptions options(CapabilityWorkers capability) {
    if (properties.stickyExecution()) {
      return capability.options();
    }
    // A zero sticky schedule-to-start timeout makes the SDK ask for no sticky queue at all.
    return WorkerOptions.newBuilder(capability.options())
        .setStickyQueueScheduleToStartTimeout(Duration.ZERO)
        .build();
  }

  @Override
  public void start() {
    WorkerFactory created =
        WorkerFactory.newInstance(
            client,
            // A cached workflow parks its thread between tasks: virtual threads make that cheap
            // (no stack of its own per workflow, no platform-thread switch per task).
            WorkerFactoryOptions.newBuilder()
                .setUsingVirtualWorkflowThreads(properties.virtualWorkflowThreads())
                .setWorkerInterceptors(interceptors.toArray(WorkerInterceptor[]::new))
                .build());
    int workers = 0;
    Map<String, List<Worker>> byQueue = new LinkedHashMap<>();
    for (String queue : queues) {
      for (CapabilityWorkers capability : capabilities.stream().filter(c -> c.taskQueue().equals(queue)).toList()) {
        Worker worker = created.newWorker(queue, options(capability));
        capability.register(worker);
        byQueue.computeIfAbsent(queue, q -> new ArrayList<>()).add(worker);
        workers++;
      }
      log.info("Serving task queue {}", queue);
    }
    if (workers == 0) {
      // An API-only process: nothing to poll, and no need for Temporal to be up at start-up.
      log.info("No worker in this process (platform.workers.task-queues={})", properties.taskQueues());
      return;
    }
    created.start();
    factory = created;
    workersByQueue = Map.copyOf(byQueue);
  }

  /** Every queue a capability registers, served here or not. */
  List<String> registeredQueues() {
    return capabilities.stream().map(CapabilityWorkers::taskQueue).distinct().toList();
  }

  /** The workers serving {@code queue} in this process (none: not served here, or not started). */
  List<Worker> workers(String queue) {
    return workersByQueue.getOrDefault(queue, List.of());
  }

  @Override
  public void stop() {
    WorkerFactory running = factory;
    if (running == null) {
      return;
    }
    log.info("Stopping workers: no new tasks, draining in-flight ones for up to {}", properties.drainTimeout());
    running.shutdown();
    running.awaitTermination(properties.drainTimeout().toMillis(), TimeUnit.MILLISECONDS);
    if (!running.isTerminated()) {
      log.warn("In-flight tasks still running after {}: interrupting them", properties.drainTimeout());
      running.shutdownNow();
      running.awaitTermination(5, TimeUnit.SECONDS);
    }
    factory = null;
    workersByQueue = Map.of();
  }

  @Override
  public boolean isRunning() {
    return factory != null;
  }
}
