package io.workerplatform.host.workers;

import io.temporal.worker.Worker;
import io.temporal.worker.WorkerOptions;

/** What one capability runs on its task queue: its workflow and activity implementations. */
public interface CapabilityWorkers {

  String taskQueue();

  WorkerOptions options();

  void register(Worker worker);
}
