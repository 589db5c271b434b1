package io.workerplatform.host.api;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/** When scheduled work runs: an instant ({@code processAt}, {@code sendAt}) or a {@code delay}, not both. */
public final class Schedules {
  /** How far ahead work may be scheduled. */
  public static final Duration MAX_AHEAD = Duration.ofDays(366);

  private Schedules() {}

  /**
   * The instant named by {@code atField}'s value or by {@code delay} (an ISO-8601 duration such as
   * {@code PT10M}); null when neither is given or the time has passed already (run now).
   */
  public static Instant at(String atField, String at, String delay, Instant now) {
    if (at != null && delay != null) {
      throw new BadRequestException("delay", "give " + atField + " or delay, not both");
    }
    Instant when;
    String field;
    if (delay != null) {
      field = "delay";
      Duration wait;
      try {
        wait = Duration.parse(Validation.maxLength("delay", delay.strip(), 64));
      } catch (DateTimeParseException e) {
        throw new BadRequestException("delay", "must be an ISO-8601 duration such as PT10M");
      }
      if (wait.isNegative()) {
        throw new BadRequestException("delay", "must not be negative");
      }
      when = now.plus(wait);
    } else {
      field = atField;
      when = Validation.instantOrNull(atField, at);
    }
    if (when != null && when.isAfter(now.plus(MAX_AHEAD))) {
      throw new BadRequestException(field, "must be at most " + MAX_AHEAD.toDays() + " days ahead");
    }
    return when == null || !when.isAfter(now) ? null : when;
  }
}
