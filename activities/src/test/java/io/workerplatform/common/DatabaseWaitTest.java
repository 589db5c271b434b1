package io.workerplatform.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.jooq.exception.DataAccessException;
import org.junit.jupiter.api.Test;

/** Waiting for the database inside an attempt, on a clock the sleeper moves (an hour in no time). */
class DatabaseWaitTest {
  private Instant now = Instant.parse("2026-12-06T02:00:00Z");
  private final Clock clock =
      new Clock() {
        @Override
        public ZoneId getZone() {
          return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
          return this;
        }

        @Override
        public Instant instant() {
          return now;
        }
      };
  private final List<String> heartbeats = new ArrayList<>();

  private static DataAccessException connectionLost() {
    return new DataAccessException("connection lost", new SQLException("I/O error", "08006"));
  }

  /** The database is away until {@code back}. */
  private DatabaseWait waitingUntil(Instant back, Duration longest) {
    return new DatabaseWait(
        () -> {
          if (now.isBefore(back)) {
            throw connectionLost();
          }
        },
        clock, d -> now = now.plus(d), Duration.ofSeconds(5), longest);
  }

  @Test
  void aJobMeetingAnHourLongOutageWaitsInItsAttemptAndRunsAgainOnceTheDatabaseIsBack() {
    Instant back = now.plus(Duration.ofMinutes(65));
    AtomicInteger runs = new AtomicInteger();

    String result =
        waitingUntil(back, Duration.ofHours(3)).run(() -> {
          runs.incrementAndGet();
          if (now.isBefore(back)) {
            throw connectionLost();
          }
          return "done";
        }, heartbeats::add);

    assertThat(result).isEqualTo("done");
    assertThat(runs).hasValue(2);
    assertThat(now).isBetween(back, back.plusSeconds(5)); // resumed within one probe of its return
    assertThat(heartbeats).hasSizeGreaterThan(700).containsOnly(DatabaseWait.WAITING);
  }

  @Test
  void otherFailuresAreNotWaitedForAndAnOutageLongerThanTheBoundGoesToTheRetries() {
    assertThatThrownBy(() -> waitingUntil(now, Duration.ofHours(3)).run(() -> {
      throw new DataAccessException("syntax error", new SQLException("bad", "42601"));
    }, heartbeats::add)).hasMessageContaining("syntax error");
    assertThat(heartbeats).isEmpty();

    Instant start = now;
    assertThatThrownBy(() -> waitingUntil(now.plus(Duration.ofDays(1)), Duration.ofHours(3)).run(() -> {
      throw connectionLost();
    }, heartbeats::add)).hasMessageContaining("connection lost");
    assertThat(Duration.between(start, now)).isBetween(Duration.ofHours(3), Duration.ofHours(3).plusSeconds(10));
  }
}
