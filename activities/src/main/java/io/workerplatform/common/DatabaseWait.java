package io.workerplatform.common;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.jooq.DSLContext;

/**
 * Work that outlasts a database outage inside one activity attempt: when the database cannot be
 * reached, it waits for it (probing every {@code probeEvery}, reporting "waiting for the database"
 * as its heartbeat's details) and runs the work again, instead of failing the attempt and spending
 * the activity's retries on an outage. The work must be idempotent (a batch job's batches are).
 * Past {@code longest} of waiting it gives up and the failure goes to the activity's retries.
 */
public final class DatabaseWait {
  /** Sleeps; a test passes one that moves its clock instead. */
  @FunctionalInterface
  public interface Sleeper {
    void sleep(Duration duration) throws InterruptedException;
  }

  public static final String WAITING = "waiting for the database";

  private final Runnable probe;
  private final Clock clock;
  private final Sleeper sleeper;
  private final Duration probeEvery;
  private final Duration longest;

  /** @param probe a statement that fails while the database cannot be reached */
  public DatabaseWait(Runnable probe, Clock clock, Sleeper sleeper, Duration probeEvery, Duration longest) {
    this.probe = probe;
    this.clock = clock;
    this.sleeper = sleeper;
    this.probeEvery = probeEvery;
    this.longest = longest;
  }

  /** Waits with real time: probes every 5 s, for up to 3 h. */
  public static DatabaseWait of(DSLContext dsl) {
    return new DatabaseWait(() -> dsl.selectOne().fetch(), Clock.systemUTC(), d -> Thread.sleep(d.toMillis()), Duration.ofSeconds(5), Duration.ofHours(3));
  }

  /**
   * Runs {@code work}; each time it fails because the database cannot be reached, waits for the
   * database (calling {@code heartbeat} with {@link #WAITING} between probes) and runs it again.
   */
  public <T> T run(Supplier<T> work, Consumer<String> heartbeat) {
    while (true) {
      try {
        return work.get();
      } catch (RuntimeException e) {
        if (!DatabaseErrors.isUnavailable(e)) {
          throw e;
        }
        awaitDatabase(heartbeat, e);
      }
    }
  }

  private void awaitDatabase(Consumer<String> heartbeat, RuntimeException cause) {
    Instant giveUpAt = clock.instant().plus(longest);
    while (true) {
      heartbeat.accept(WAITING);
      if (clock.instant().isAfter(giveUpAt)) {
        throw cause;
      }
      try {
        sleeper.sleep(probeEvery);
      } catch (InterruptedException interrupted) {
        Thread.currentThread().interrupt();
        throw cause;
      }
      try {
        probe.run();
        return;
      } catch (RuntimeException stillAway) {
        if (!DatabaseErrors.isUnavailable(stillAway)) {
          throw stillAway;
        }
      }
    }
  }
}
