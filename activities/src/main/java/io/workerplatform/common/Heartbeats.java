package io.workerplatform.common;

import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Keeps an activity's heartbeat going while its thread is blocked in one call (an SES call, a wait
 * for a pooled connection): a timer calls the heartbeat every second until the call returns. One
 * daemon thread serves every call in flight (a heartbeat does not block).
 */
public final class Heartbeats {
  private static final long EVERY_MILLIS = 1_000;
  private static final ScheduledThreadPoolExecutor TIMER = timer();

  private Heartbeats() {}

  private static ScheduledThreadPoolExecutor timer() {
    ScheduledThreadPoolExecutor timer =
        new ScheduledThreadPoolExecutor(1, r -> {
          Thread thread = new Thread(r, "blocked-call-heartbeats");
          thread.setDaemon(true);
          return thread;
        });
    timer.setRemoveOnCancelPolicy(true); // most calls end before their first heartbeat
    return timer;
  }

  /** A call that may throw {@code E}. */
  public interface Call<T, E extends Exception> {
    T get() throws E;
  }

  /**
   * Runs {@code call} while the timer calls {@code heartbeat} every second. What the heartbeat
   * throws there is dropped: a cancelled activity learns of it from its next heartbeat of its own,
   * after this call, and a call already made is better finished than abandoned.
   */
  public static <T, E extends Exception> T during(Runnable heartbeat, Call<T, E> call) throws E {
    ScheduledFuture<?> beats =
        TIMER.scheduleAtFixedRate(() -> {
          try {
            heartbeat.run();
          } catch (RuntimeException cancelledOrGone) {
            // see above
          }
        }, EVERY_MILLIS, EVERY_MILLIS, TimeUnit.MILLISECONDS);
    try {
      return call.get();
    } finally {
      beats.cancel(false);
    }
  }
}
