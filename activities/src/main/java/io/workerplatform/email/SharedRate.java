package io.workerplatform.email;

import static io.workerplatform.db.Tables.EMAIL_SEND_BUDGET;

import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record2;
import org.jooq.impl.DSL;

/**
 * A send rate held by every host together: at most {@link Rate#permits()} sends per calendar
 * window (a second or a minute), counted in PostgreSQL ({@code email_send_budget}), so N hosts
 * send at the rate, not at N times it. A host takes permits in small blocks (one statement per
 * block) and uses a window's permits only within that window, ending {@link #margin} before it
 * closes: a send made then still reaches SES within the window it was counted in. Permits a host
 * took and could not use before its window closed are lost, never carried over: the rate may be
 * missed by a few permits, never exceeded.
 *
 * <p>Why PostgreSQL: the task queues' server-side rate limit is not honoured by the embedded test
 * server, and a per-process limiter multiplies with the hosts. One row per window, in a ring of
 * {@link #RING} windows, so the table stays {@code RING} rows per rate.
 */
public final class SharedRate {
  static final int RING = 120;
  private static final long HEARTBEAT_STEP_MILLIS = 500;
  private static final Pattern FORM = Pattern.compile("([1-9][0-9]{0,6})\\s*/\\s*(s|sec|second|m|min|minute)");

  /** {@code permits} sends per {@code window}. */
  public record Rate(int permits, Duration window) {
    public Rate {
      if (permits < 1) {
        throw new IllegalArgumentException("a rate allows at least 1 send");
      }
      if (!window.equals(Duration.ofSeconds(1)) && !window.equals(Duration.ofMinutes(1))) {
        throw new IllegalArgumentException("a rate's window is a second or a minute");
      }
    }

    public static Rate perSecond(int permits) {
      return new Rate(permits, Duration.ofSeconds(1));
    }

    /**
     * {@code 200/s} or {@code 100/min} (also {@code /second}, {@code /minute}).
     *
     * @throws IllegalArgumentException naming the form when {@code text} is not one
     */
    public static Rate parse(String text) {
      Matcher m = FORM.matcher(text == null ? "" : text.strip().toLowerCase(Locale.ROOT));
      if (!m.matches()) {
        throw new IllegalArgumentException("'" + text + "' is not a rate such as 200/s or 100/min");
      }
      return new Rate(Integer.parseInt(m.group(1)), m.group(2).startsWith("s") ? Duration.ofSeconds(1) : Duration.ofMinutes(1));
    }

    /** The same rate in sends per second (for limits that take one). */
    public double perSecondValue() {
      return permits * 1000.0 / window.toMillis();
    }

    @Override
    public String toString() {
      return permits + (window.getSeconds() == 1 ? "/s" : "/min");
    }
  }

  private final DSLContext dsl;
  private final String name;
  private final Rate rate;
  private final Clock clock;
  private final long windowMillis;
  private final long margin;
  private final int block;
  private long heldWindow = -1;
  private int held;

  /**
   * @param name the rate's row in the budget ({@code email}); several rates may share the table
   * @param clock the wall clock the windows are counted on (SES counts on its own, so this is the
   *     system's, never a test's frozen one)
   */
  public SharedRate(DSLContext dsl, String name, Rate rate, Clock clock) {
    this.dsl = dsl;
    this.name = name;
    this.rate = rate;
    this.clock = clock;
    this.windowMillis = rate.window().toMillis();
    this.margin = Math.min(50, windowMillis / 10);
    // A block is a fortieth of the window's permits (at most 50): few statements at high rates,
    // and what one host holds unused when a window closes stays small beside the rate.
    this.block = Math.max(1, Math.min(50, rate.permits() / 40));
  }

  public Rate rate() {
    return rate;
  }

  /**
   * Waits for a permit of the current window, calling {@code heartbeat} every half second while
   * the window's permits are all taken.
   */
  public void acquire(Runnable heartbeat) {
    while (true) {
      long now = clock.millis();
      long window = now / windowMillis;
      long usableUntil = (window + 1) * windowMillis - margin;
      if (now < usableUntil) {
        boolean taken = takeHeld(window);
        if (!taken) {
          int granted = reserve(window, block);
          taken = granted > 0;
          if (taken) {
            addHeld(window, granted - 1); // one for this send
          }
        }
        // Checked again once held: a thread that stalled (or waited for the database) past the
        // window's usable part would send in the next window on this one's permit.
        if (taken && clock.millis() < usableUntil) {
          return;
        }
        if (taken) {
          continue; // the permit is dropped: the next window is asked afresh
        }
      }
      sleepUntil((window + 1) * windowMillis, heartbeat);
    }
  }

  private synchronized boolean takeHeld(long window) {
    if (heldWindow == window && held > 0) {
      held--;
      return true;
    }
    return false;
  }

  private synchronized void addHeld(long window, int permits) {
    if (heldWindow != window) {
      heldWindow = window;
      held = 0;
    }
    held += permits;
  }

  /**
   * Takes up to {@code wanted} permits of {@code window} in one statement. The count grows by
   * {@code wanted} whatever is left, and the permits granted are those of the numbers added that
   * fall within the rate: no read-then-write, so hosts never need a lock beyond the row's. A row
   * of a later window (another host's clock ahead) grants nothing to an earlier one.
   */
  int reserve(long window, int wanted) {
    int slot = (int) Math.floorMod(window, (long) RING);
    var b = EMAIL_SEND_BUDGET;
    // plain names: jOOQ would qualify "excluded" with the (mapped) schema
    Field<Long> excludedWindow = DSL.field("excluded.window_start", Long.class);
    Field<Integer> excludedTaken = DSL.field("excluded.taken", Integer.class);
    Record2<Integer, Long> row = dsl.insertInto(b)
        .set(b.NAME, name)
        .set(b.SLOT, slot)
        .set(b.WINDOW_START, window)
        .set(b.TAKEN, wanted)
        .onConflict(b.NAME, b.SLOT)
        .doUpdate()
        .set(b.TAKEN, DSL.when(b.WINDOW_START.eq(excludedWindow), b.TAKEN.plus(excludedTaken))
            .when(b.WINDOW_START.lt(excludedWindow), excludedTaken)
            .otherwise(b.TAKEN))
        .set(b.WINDOW_START, DSL.greatest(b.WINDOW_START, excludedWindow))
        .returningResult(b.TAKEN, b.WINDOW_START)
        .fetchOne();
    if (row == null || row.value2() != window) {
      return 0;
    }
    int taken = row.value1();
    return Math.max(0, Math.min(taken, rate.permits()) - (taken - wanted));
  }

  private void sleepUntil(long epochMillis, Runnable heartbeat) {
    try {
      for (long left = epochMillis - clock.millis(); left > 0; left = epochMillis - clock.millis()) {
        Thread.sleep(Math.min(left, HEARTBEAT_STEP_MILLIS));
        if (epochMillis - clock.millis() > 0) {
          heartbeat.run();
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for the email rate", e);
    }
  }
}
