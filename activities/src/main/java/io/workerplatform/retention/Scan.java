package io.workerplatform.retention;

import io.workerplatform.common.RenderedQuery;
import java.time.OffsetDateTime;

/**
 * One worker's scan of one step: its share of the rows ({@link RetentionSql#share}, by a hash of
 * a key that keeps the rows one batch locks away from the other workers' batches), the run's time,
 * the batch size and, for steps whose candidates do not leave the scanned set when anonymized
 * (found through a parent, or by id), where it stands: each batch starts where the last one ended,
 * so a run reads every candidate once instead of once per batch.
 */
public final class Scan {
  private final int part;
  private final int parts;
  private final OffsetDateTime now;
  private final int limit;
  private final int defaultDays;
  private String after = "";

  Scan(int part, int parts, OffsetDateTime now, int limit, int defaultDays) {
    this.part = part;
    this.parts = parts;
    this.now = now;
    this.limit = limit;
    this.defaultDays = defaultDays;
  }

  /** The run's time: retention is measured from it, and changed rows are stamped with it. */
  public OffsetDateTime now() {
    return now;
  }

  /** The batch size. */
  public int limit() {
    return limit;
  }

  /** The last key a batch reached ({@code ""} before the first). */
  public String after() {
    return after;
  }

  /** Where the next batch starts. */
  public void advanceTo(String key) {
    after = key;
  }

  /**
   * A batch statement with this worker's share, the run's time, the batch size and the category's
   * default retention set (those of {@link RetentionSql}'s parameters that it takes).
   */
  public RenderedQuery.Bound bind(RenderedQuery statement) {
    RenderedQuery.Bound bound = statement.bind().set("now", now).set("limit", limit);
    if (statement.takes("parts")) {
      bound.set("parts", parts).set("part", part);
    }
    if (statement.takes(RetentionSql.DEFAULT_DAYS_NAME)) {
      bound.set(RetentionSql.DEFAULT_DAYS_NAME, defaultDays);
    }
    if (statement.takes("after")) {
      bound.set("after", after);
    }
    return bound;
  }
}
