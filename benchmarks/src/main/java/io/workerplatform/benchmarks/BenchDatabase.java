package io.workerplatform.benchmarks;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/** The PostgreSQL the scenarios' hosts use ({@code -Dbench.db.url/user/password}). */
final class BenchDatabase {
  private BenchDatabase() {}

  static Connection connect() throws SQLException {
    return DriverManager.getConnection(
        System.getProperty("bench.db.url", "jdbc:postgresql://127.0.0.1:5432/postgres"),
        System.getProperty("bench.db.user", "postgres"),
        System.getProperty("bench.db.password", ""));
  }

  /** Drops a scenario's schema; a failure is reported, not thrown, so the figures still print. */
  static void dropSchema(String schema) {
    try (Connection c = connect();
        Statement s = c.createStatement()) {
      s.execute("drop schema if exists " + schema + " cascade");
    } catch (SQLException e) {
      System.err.println("could not drop " + schema + ": " + e.getMessage());
    }
  }
}
