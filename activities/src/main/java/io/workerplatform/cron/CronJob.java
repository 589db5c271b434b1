package io.workerplatform.cron;

import java.util.Map;

/**
 * A job the {@code cron} queue can run. It works in bounded, idempotent batches and calls
 * {@code heartbeat} between them, so a lost worker costs one batch and a retry repeats nothing.
 */
public interface CronJob {
  /** The name configuration uses: {@code platform.cron.jobs.<name>}. */
  String name();

  /** Runs once; returns counts for the run's record (rows changed, files deleted, ...). */
  Map<String, Long> run(Map<String, String> input, Runnable heartbeat);
}
