package io.workerplatform.cron;

import java.util.function.IntSupplier;

/** The loop of a batched job: batch after batch until one comes back short, heartbeating between. */
public final class Batches {
  private Batches() {}

  /**
   * Runs {@code batch} (which changes at most {@code size} rows and says how many) until it changes
   * fewer than {@code size}; returns the rows changed in all.
   */
  public static long untilShort(int size, Runnable heartbeat, IntSupplier batch) {
    long total = 0;
    int changed;
    do {
      changed = batch.getAsInt();
      total += changed;
      heartbeat.run();
    } while (changed == size);
    return total;
  }
}
