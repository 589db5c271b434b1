package io.workerplatform.work;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.jooq.DSLContext;

/**
 * Series of the last hour's chart (webhook attempts and those delivered, emails sent), registered
 * as a bean by the capability that owns the rows they count; one bean reads its series in one
 * query.
 */
public interface MinuteCounts {
  /** The series' names in {@link WorkViews.Minute#counts()}. */
  List<String> series();

  /**
   * Per series, rows per minute (the minute's start) since {@code start}; one organization's or
   * (null) all. A minute without rows may be left out.
   */
  Map<String, Map<Instant, Long>> perMinute(DSLContext dsl, String orgIdOrAll, OffsetDateTime start);
}
