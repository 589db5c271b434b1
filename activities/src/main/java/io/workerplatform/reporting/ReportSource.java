package io.workerplatform.reporting;

import java.io.IOException;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import org.jooq.Cursor;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.ResultQuery;

/**
 * A kind of report a capability offers, registered as a bean next to its store: its name (what
 * a schedule's {@code kind} says), its CSV header, and its rows of an organization's period, read
 * from its own tables and handed over one at a time, so that a report of a million rows never sits
 * in memory. Rows hold ids, statuses, counts and times: never names, addresses or bodies.
 */
public interface ReportSource {
  /** {@code deliveries}, {@code emails}, {@code usage}. */
  String kind();

  /** The CSV header. */
  List<String> columns();

  /** Takes one row: its values in {@link #columns()}' order (null for an empty cell). */
  @FunctionalInterface
  interface Rows {
    void row(List<?> values) throws IOException;
  }

  /** Hands the organization's rows of {@code [from, until)} to {@code rows}, oldest first. */
  void rows(DSLContext dsl, String orgId, OffsetDateTime from, OffsetDateTime until, Rows rows) throws IOException;

  /**
   * Hands each row of {@code query} to {@code rows} as it is read: a cursor fetching a thousand at a
   * time (it streams inside the report's transaction).
   */
  static void stream(ResultQuery<? extends Record> query, Rows rows) throws IOException {
    try (Cursor<? extends Record> cursor = query.fetchSize(1000).fetchLazy()) {
      for (Record r : cursor) {
        rows.row(Arrays.asList(r.intoArray()));
      }
    }
  }
}
