package io.workerplatform.host.temporal;

import io.temporal.internal.testservice.TestServicesStarter;
import java.lang.reflect.Field;
import java.util.LinkedList;
import java.util.concurrent.locks.Lock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stops the test server's time-skipping lock log from growing without bound.
 *
 * <p>Temporal's test server appends every time-skipping lock and unlock it takes to a debugging
 * list ({@code SelfAdvancingTimerImpl.lockEvents}) and removes only some of them, each removal a
 * linear scan from the oldest entry. On a long-running port-bound server the list grows with
 * every workflow and activity, so each state change gets slower and the memory is never given
 * back: the main reason the server "slows as it ages" (measured: a sixth of its CPU after a few
 * thousand workflows). The list only feeds a diagnostics dump, so the embedded server swaps it
 * for one that records nothing. Locking itself is counted elsewhere and is unaffected.
 *
 * <p>This reaches into the test server's internals; if a Temporal SDK upgrade renames them, the
 * server runs unpatched (as before, only slower) and a warning says so.
 */
final class LockEventLogTrim {
  private static final Logger log = LoggerFactory.getLogger(LockEventLogTrim.class);

  private LockEventLogTrim() {}

  /** Returns whether the server's lock log was replaced. */
  static boolean apply(TestServicesStarter starter) {
    try {
      Object timer = read(starter, "selfAdvancingTimer");
      Field events = timer.getClass().getDeclaredField("lockEvents");
      events.setAccessible(true);
      if (!(events.get(timer) instanceof LinkedList<?>)
          || !(read(timer, "lock") instanceof Lock timerLock)) {
        throw new NoSuchFieldException("lockEvents or lock changed type");
      }
      timerLock.lock(); // the server reads the field under this lock
      try {
        events.set(timer, new DiscardingList());
      } finally {
        timerLock.unlock();
      }
      return true;
    } catch (ReflectiveOperationException | RuntimeException e) {
      log.warn(
          "Could not trim the embedded Temporal server's lock log ({}); it will slow down as it ages",
          e.toString());
      return false;
    }
  }

  private static Object read(Object owner, String name) throws ReflectiveOperationException {
    Field field = owner.getClass().getDeclaredField(name);
    field.setAccessible(true);
    return field.get(owner);
  }

  /** Accepts additions and removals and keeps nothing: the log is empty when dumped. */
  static final class DiscardingList extends LinkedList<Object> {
    @Override
    public boolean add(Object event) {
      return true;
    }

    @Override
    public boolean remove(Object event) {
      return true; // the server treats false as an unbalanced unlock
    }
  }
}
