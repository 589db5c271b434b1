package io.workerplatform.work;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Map;
import org.jooq.DSLContext;

/**
 * A series of the last hour's chart (webhook attempts, emails sent), registered as a bean by the
 * capability that owns the rows it counts.
 */
public interface MinuteCounts {
  /** The series' name in {@link WorkViews.Minute#counts()}. */
  String series();

  /** Rows per minute (the minute's start) since {@code start}; one organization's or (null) all. */
  Map<Instant, Long> perMinute(DSLContext dsl, String orgIdOrAll, OffsetDateTime start);
}
