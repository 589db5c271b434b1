package io.workerplatform.host.api;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a creating route does once its work is committed: start the workflow, then mark the row
 * started. Neither step can turn the answer into "nothing was changed", since something was: a
 * start that fails (Temporal unreachable, the database gone) leaves the row to the relay, which
 * starts it ({@link #WAITING_TO_START}); a mark that fails only makes the relay start it again,
 * which Temporal finds already started. The answer is 202 either way, with the id.
 */
public final class StartAfterCommit {
  private static final Logger log = LoggerFactory.getLogger(StartAfterCommit.class);
  public static final String STARTED = "STARTED";
  public static final String WAITING_TO_START = "WAITING_TO_START";

  private StartAfterCommit() {}

  /** Runs {@code start} (which may mark the row itself); {@link #STARTED} or {@link #WAITING_TO_START}. */
  public static String start(String what, String id, Runnable start) {
    return start(what, id, start, () -> {});
  }

  /** Runs {@code start}, then {@code mark}, whose failure is only logged. */
  public static String start(String what, String id, Runnable start, Runnable mark) {
    try {
      start.run();
    } catch (RuntimeException e) {
      log.warn("{} {} is stored; it did not start ({}): the relay starts it", what, id, e.getClass().getSimpleName());
      return WAITING_TO_START;
    }
    try {
      mark.run();
    } catch (RuntimeException e) {
      log.warn("{} {} started; marking it failed ({}): the relay finds it started", what, id, e.getClass().getSimpleName());
    }
    return STARTED;
  }
}
