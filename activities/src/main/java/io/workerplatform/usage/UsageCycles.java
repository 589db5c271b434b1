package io.workerplatform.usage;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;

/**
 * Where a usage cycle starts and ends: at midnight in the organization's time zone on the anchor
 * day of the month, or on the month's last day when the month is shorter (an anchor of 31 starts
 * February's cycle on the 28th or 29th). Midnight that a daylight-saving change skips becomes the
 * first instant of that day.
 */
public final class UsageCycles {
  private UsageCycles() {}

  public record Cycle(Instant start, Instant end) {}

  /** The cycle that {@code now} falls in. */
  public static Cycle at(Instant now, ZoneId zone, int anchorDay) {
    LocalDate today = now.atZone(zone).toLocalDate();
    YearMonth month = YearMonth.from(today);
    LocalDate start = anchor(month, anchorDay);
    if (today.isBefore(start)) {
      start = anchor(month.minusMonths(1), anchorDay);
    }
    LocalDate end = anchor(YearMonth.from(start).plusMonths(1), anchorDay);
    return new Cycle(start.atStartOfDay(zone).toInstant(), end.atStartOfDay(zone).toInstant());
  }

  private static LocalDate anchor(YearMonth month, int anchorDay) {
    return month.atDay(Math.min(anchorDay, month.lengthOfMonth()));
  }
}
