package io.workerplatform.screening;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Paces provider calls per organization within this process: each call takes the organization's
 * next slot at its rate, and a 429 pushes every later slot past the wait the provider asked for.
 * Batches of one organization running at once share its slots. Hosts do not share them: N hosts
 * screening one organization at once may call at up to N times its rate, and the provider's 429
 * then slows them down (docs/kyc.md).
 */
public final class ScreeningPacer {
  private final Map<String, Instant> next = new ConcurrentHashMap<>();
  private final Clock clock;

  public ScreeningPacer(Clock clock) {
    this.clock = clock;
  }

  /** Waits for the organization's next slot at {@code perSecond} calls a second, heartbeating at least every second. */
  public void acquire(String orgId, int perSecond, Runnable heartbeat) throws InterruptedException {
    Duration interval = Duration.ofNanos(1_000_000_000L / Math.max(1, perSecond));
    Instant[] slot = new Instant[1];
    next.compute(orgId, (k, reserved) -> {
      Instant now = clock.instant();
      slot[0] = reserved == null || reserved.isBefore(now) ? now : reserved;
      return slot[0].plus(interval);
    });
    sleepUntil(slot[0], heartbeat);
  }

  /** Keeps every call of the organization from starting before {@code wait} from now. */
  public void backOff(String orgId, Duration wait) {
    Instant until = clock.instant().plus(wait);
    next.merge(orgId, until, (a, b) -> a.isAfter(b) ? a : b);
  }

  /** Sleeps for {@code wait}, heartbeating at least every second. */
  public void sleep(Duration wait, Runnable heartbeat) throws InterruptedException {
    sleepUntil(clock.instant().plus(wait), heartbeat);
  }

  private void sleepUntil(Instant until, Runnable heartbeat) throws InterruptedException {
    while (true) {
      long left = Duration.between(clock.instant(), until).toMillis();
      if (left <= 0) {
        return;
      }
      Thread.sleep(Math.min(left, 1_000));
      heartbeat.run();
    }
  }
}
