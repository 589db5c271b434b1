package io.workerplatform.common;

import java.util.function.Supplier;
import org.jooq.exception.DataAccessException;

/** Rows that belong to an organization. */
public final class Organizations {
  private static final String FOREIGN_KEY_VIOLATION = "23503";

  private Organizations() {}

  /**
   * Runs statements that write rows of organization {@code orgId}, letting the foreign key find a
   * missing organization instead of a query before them: its violation becomes a 404.
   */
  public static <T> T writingFor(String orgId, Supplier<T> statements) {
    try {
      return statements.get();
    } catch (DataAccessException e) {
      if (FOREIGN_KEY_VIOLATION.equals(e.sqlState())) {
        throw new NotFoundException("organization", orgId);
      }
      throw e;
    }
  }
}
