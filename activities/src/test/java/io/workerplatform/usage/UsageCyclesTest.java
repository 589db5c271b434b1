package io.workerplatform.usage;

import static org.assertj.core.api.Assertions.assertThat;

import io.workerplatform.usage.UsageCycles.Cycle;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

/** Cycle boundaries: month ends, daylight-saving changes, time zones. */
class UsageCyclesTest {
  private static final ZoneId UTC = ZoneId.of("UTC");

  @Test
  void anAnchorPastTheMonthsLastDayStartsTheCycleOnThatLastDay() {
    assertThat(UsageCycles.at(Instant.parse("2027-02-15T12:00:00Z"), UTC, 31))
        .isEqualTo(new Cycle(Instant.parse("2027-01-31T00:00:00Z"), Instant.parse("2027-02-28T00:00:00Z")));
    assertThat(UsageCycles.at(Instant.parse("2027-03-01T12:00:00Z"), UTC, 31))
        .isEqualTo(new Cycle(Instant.parse("2027-02-28T00:00:00Z"), Instant.parse("2027-03-31T00:00:00Z")));
    assertThat(UsageCycles.at(Instant.parse("2028-02-29T00:00:00Z"), UTC, 30))
        .as("a leap year").isEqualTo(new Cycle(Instant.parse("2028-02-29T00:00:00Z"), Instant.parse("2028-03-30T00:00:00Z")));
    assertThat(UsageCycles.at(Instant.parse("2026-12-31T23:59:59Z"), UTC, 1))
        .isEqualTo(new Cycle(Instant.parse("2026-12-01T00:00:00Z"), Instant.parse("2027-01-01T00:00:00Z")));
  }

  @Test
  void aCycleSpanningADaylightSavingChangeStartsAndEndsAtLocalMidnight() {
    ZoneId madrid = ZoneId.of("Europe/Madrid");
    // winter time (+01:00) at the start, summer time (+02:00) at the end: 743 hours, not 744
    assertThat(UsageCycles.at(Instant.parse("2027-03-28T12:00:00Z"), madrid, 1))
        .isEqualTo(new Cycle(Instant.parse("2027-02-28T23:00:00Z"), Instant.parse("2027-03-31T22:00:00Z")));
    // Chile moves its clocks at midnight: the skipped midnight becomes 01:00 local (-03:00)
    Cycle santiago = UsageCycles.at(Instant.parse("2026-09-20T12:00:00Z"), ZoneId.of("America/Santiago"), 6);
    assertThat(santiago.start()).isEqualTo(Instant.parse("2026-09-06T04:00:00Z"));
    assertThat(santiago.start().atZone(ZoneId.of("America/Santiago")).getHour()).isEqualTo(1);
  }

  @Test
  void theSameInstantFallsInDifferentCyclesAcrossTimeZones() {
    Instant instant = Instant.parse("2027-05-01T05:00:00Z"); // May 1 in Tokyo, still April 30 in Los Angeles
    assertThat(UsageCycles.at(instant, ZoneId.of("Asia/Tokyo"), 1).start()).isEqualTo(Instant.parse("2027-04-30T15:00:00Z"));
    assertThat(UsageCycles.at(instant, ZoneId.of("America/Los_Angeles"), 1).start())
        .isEqualTo(Instant.parse("2027-04-01T07:00:00Z"));
  }
}
