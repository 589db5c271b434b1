package io.workerplatform.common;

import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

/** Tells a database that cannot be reached from one that answered with an error. */
public final class DatabaseErrors {
  private DatabaseErrors() {}

  /**
   * True when the cause is a connection failure: SQLSTATE class 08 (connection exception), 57P01
   * to 57P03 (the server shutting down or starting), a pool timing out, a refused connection.
   */
  public static boolean isUnavailable(Throwable e) {
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof SQLTransientConnectionException || cause instanceof ConnectException) {
        return true;
      }
      if (cause instanceof SQLException sql && sql.getSQLState() != null) {
        String state = sql.getSQLState();
        if (state.startsWith("08") || state.equals("57P01") || state.equals("57P02") || state.equals("57P03")) {
          return true;
        }
      }
    }
    return false;
  }
}
