package io.workerplatform.common;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Keeps an activity's heartbeat going while its thread waits for a pooled connection. A batch
 * heartbeats after each message; when the pool is busy (exports holding connections for their
 * streaming reads, a burst of webhook attempts) the wait for a connection can outlast the batch's
 * heartbeat timeout, and Temporal would start a second attempt beside the first. Work that runs
 * inside {@link #heartbeating} has its heartbeat called every second while {@link #around}'s data
 * source waits for the pool; a connection handed out at once costs no heartbeat and no timer.
 */
public final class ConnectionWait {
  private static final ThreadLocal<Runnable> HEARTBEAT = new ThreadLocal<>();
  private static final long EVERY_MILLIS = 1_000;
  private static final ScheduledThreadPoolExecutor TIMER = timer();

  private ConnectionWait() {}

  private static ScheduledThreadPoolExecutor timer() {
    ScheduledThreadPoolExecutor timer =
        new ScheduledThreadPoolExecutor(1, r -> {
          Thread thread = Executors.defaultThreadFactory().newThread(r);
          thread.setName("connection-wait-heartbeats");
          thread.setDaemon(true);
          return thread;
        });
    timer.setRemoveOnCancelPolicy(true); // most waits end before their first heartbeat
    return timer;
  }

  /** Runs {@code work} on this thread with {@code heartbeat} called while it waits for a connection. */
  public static <T> T heartbeating(Runnable heartbeat, Supplier<T> work) {
    Runnable before = HEARTBEAT.get();
    HEARTBEAT.set(heartbeat);
    try {
      return work.get();
    } finally {
      if (before == null) {
        HEARTBEAT.remove();
      } else {
        HEARTBEAT.set(before);
      }
    }
  }

  /** {@code pool}, whose {@code getConnection} heartbeats for the work of {@link #heartbeating} while it waits. */
  public static DataSource around(DataSource pool) {
    return pool instanceof Waiting ? pool : new Waiting(pool);
  }

  interface ConnectionCall {
    Connection get() throws SQLException;
  }

  static Connection waitFor(ConnectionCall call) throws SQLException {
    Runnable heartbeat = HEARTBEAT.get();
    if (heartbeat == null) {
      return call.get();
    }
    ScheduledFuture<?> beats =
        TIMER.scheduleAtFixedRate(() -> {
          try {
            heartbeat.run();
          } catch (RuntimeException cancelledOrGone) {
            // the activity learns of a cancel from its own next heartbeat
          }
        }, EVERY_MILLIS, EVERY_MILLIS, TimeUnit.MILLISECONDS);
    try {
      return call.get();
    } finally {
      beats.cancel(false);
    }
  }

  private static final class Waiting implements DataSource {
    private final DataSource pool;

    Waiting(DataSource pool) {
      this.pool = pool;
    }

    @Override
    public Connection getConnection() throws SQLException {
      return waitFor(pool::getConnection);
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
      return waitFor(() -> pool.getConnection(username, password));
    }

    @Override
    public PrintWriter getLogWriter() throws SQLException {
      return pool.getLogWriter();
    }

    @Override
    public void setLogWriter(PrintWriter out) throws SQLException {
      pool.setLogWriter(out);
    }

    @Override
    public void setLoginTimeout(int seconds) throws SQLException {
      pool.setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() throws SQLException {
      return pool.getLoginTimeout();
    }

    @Override
    public Logger getParentLogger() throws java.sql.SQLFeatureNotSupportedException {
      return pool.getParentLogger();
    }

    @Override
    public <T> T unwrap(Class<T> type) throws SQLException {
      return type.isInstance(this) ? type.cast(this) : pool.unwrap(type);
    }

    @Override
    public boolean isWrapperFor(Class<?> type) throws SQLException {
      return type.isInstance(this) || pool.isWrapperFor(type);
    }
  }
}
