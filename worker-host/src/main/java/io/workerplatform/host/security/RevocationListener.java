package io.workerplatform.host.security;

import com.zaxxer.hikari.HikariDataSource;
import io.workerplatform.apikeys.ApiKeyStore;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Listens for API key revocations announced by any host (PostgreSQL LISTEN/NOTIFY) and forgets the
 * key in this host's cache at once, so a revoked key stops working everywhere, not only on the
 * host that revoked it. While the listening connection is down, the cache's TTL still bounds how
 * long a revoked key is trusted; after a reconnection the whole cache is dropped, since
 * announcements may have been missed. The listening connection is one of its own, not the pool's:
 * it is held for as long as the host runs, and the pool's connections are sized for the work.
 */
final class RevocationListener implements SmartLifecycle {
  private static final Logger log = LoggerFactory.getLogger(RevocationListener.class);

  private final DataSource dataSource;
  private final ApiTokens tokens;
  private volatile boolean running;
  private Thread thread;

  RevocationListener(DataSource dataSource, ApiTokens tokens) {
    this.dataSource = dataSource;
    this.tokens = tokens;
  }

  @Override
  public void start() {
    running = true;
    thread = Thread.ofVirtual().name("api-key-revocations").start(this::listen);
  }

  private void listen() {
    boolean first = true;
    while (running) {
      try (Connection connection = ownConnection();
          Statement statement = connection.createStatement()) {
        statement.execute("LISTEN " + ApiKeyStore.REVOKED_CHANNEL);
        if (!first) {
          tokens.forgetAll(); // announcements made while we were away are lost
        }
        first = false;
        PGConnection postgres = connection.unwrap(PGConnection.class);
        while (running) {
          PGNotification[] notifications = postgres.getNotifications(1_000);
          if (notifications != null) {
            for (PGNotification notification : notifications) {
              tokens.forget(notification.getParameter());
            }
          }
        }
      } catch (SQLException e) {
        if (running) {
          log.warn("Listening for API key revocations failed ({}); retrying in 5 s", e.getMessage());
          pause();
        }
      }
    }
  }

  /** A connection outside the pool, to the pool's database (the pool's own when it is not Hikari). */
  private Connection ownConnection() throws SQLException {
    if (dataSource.isWrapperFor(HikariDataSource.class)) {
      HikariDataSource pool = dataSource.unwrap(HikariDataSource.class);
      return DriverManager.getConnection(pool.getJdbcUrl(), pool.getUsername(), pool.getPassword());
    }
    return dataSource.getConnection();
  }

  private static void pause() {
    try {
      Thread.sleep(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void stop() {
    running = false;
    if (thread != null) {
      thread.interrupt();
    }
  }

  @Override
  public boolean isRunning() {
    return running;
  }
}
