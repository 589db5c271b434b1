package io.workerplatform.reports;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;

/**
 * A report's period in its organization's time zone: a week from Monday 00:00 to the next Monday,
 * or a calendar month. The period due at {@code now} is the latest one that has ended.
 */
public record ReportPeriods(LocalDate start, LocalDate end, ZoneId zone) {

  /** The latest {@code WEEKLY} or {@code MONTHLY} period that ended by {@code now}. */
  public static ReportPeriods latestEnded(String period, Instant now, ZoneId zone) {
    LocalDate today = LocalDate.ofInstant(now, zone);
    LocalDate end = ReportStore.WEEKLY.equals(period)
        ? today.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY))
        : today.withDayOfMonth(1);
    LocalDate start = ReportStore.WEEKLY.equals(period) ? end.minusWeeks(1) : end.minusMonths(1);
    return new ReportPeriods(start, end, zone);
  }

  /** The period's first instant. */
  public OffsetDateTime from() {
    return start.atStartOfDay(zone).toOffsetDateTime();
  }

  /** The instant after its last one. */
  public OffsetDateTime until() {
    return end.atStartOfDay(zone).toOffsetDateTime();
  }
}
