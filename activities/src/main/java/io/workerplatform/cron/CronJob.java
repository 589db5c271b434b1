package io.workerplatform.cron;

import java.time.Instant;

import java.util.Map;

/**
 * A job the {@code cron} queue can run. It works in bounded, idempotent batches and calls
 * {@code heartbeat} between them, so a lost worker costs one batch and a retry repeats nothing.
 */
public interface CronJob {
  /** The name configuration uses: {@code platform.cron.jobs.<name>}. */
  String name();

  /**
   * Runs once; returns counts for the run's record (rows changed, files deleted, ...).
   *
   * @param now the run's time, from its workflow: what "due", "older than" and "today" are
   *     measured from, so that a time-skipping test moves it and a retried run sees the same time
   */
  Map<String, Long> run(Map<String, String> input, Instant now, Runnable heartbeat);
}
