package io.workerplatform.common;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.function.Supplier;
import java.util.logging.Logger;
import javax.sql.DataSource;
import java.sql.SQLFeatureNotSupportedException;

/**
 * Keeps an activity's heartbeat going while its thread waits for a pooled connection. A batch
 * heartbeats after each message; when the pool is busy (exports holding connections for their
 * streaming reads, a burst of webhook attempts) the wait for a connection can outlast the batch's
 * heartbeat timeout, and Temporal would start a second attempt beside the first. Work that runs
 * inside {@link #heartbeating} has its heartbeat called every second ({@link Heartbeats}) while
 * {@link #around}'s data source waits for the pool.
 */
public final class ConnectionWait {
  private static final ThreadLocal<Runnable> HEARTBEAT = new ThreadLocal<>();

  private ConnectionWait() {}

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

  private static Connection waitFor(Heartbeats.Call<Connection, SQLException> call) throws SQLException {
    Runnable heartbeat = HEARTBEAT.get();
    return heartbeat == null ? call.get() : Heartbeats.during(heartbeat, call);
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
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
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
