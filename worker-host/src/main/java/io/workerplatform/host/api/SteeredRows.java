package io.workerplatform.host.api;

import io.temporal.client.WorkflowServiceException;
import io.workerplatform.common.ConflictException;
import io.workerplatform.common.NotFoundException;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.BiPredicate;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Long work stored as a row and steered through its workflow (a bulk send, a screening, an
 * import), found and steered the same way for every kind: another organization's or an unknown id
 * is a 404, work that ended a 409 naming {@code id}; a cancel of work whose workflow has not
 * started is written to its row (the relay then never starts it).
 *
 * @param what the kind's name in answers ("import")
 * @param find the organization's row by id
 * @param status a row's status, for the answer to a finished one
 * @param finished whether a row's work ended
 * @param cancelUnstarted cancels, in its row, work whose workflow never started; false otherwise
 */
public record SteeredRows<T>(
    String what,
    BiFunction<String, String, Optional<T>> find,
    Function<T, String> status,
    Predicate<T> finished,
    BiPredicate<String, String> cancelUnstarted,
    Signals signals) {

  /** The workflow's signals, by the work's id. */
  public record Signals(Consumer<String> pause, Consumer<String> resume, Consumer<String> cancel) {}

  public T find(String orgId, String id) {
    return find.apply(orgId, id).orElseThrow(() -> new NotFoundException(what, id));
  }

  public void pause(String orgId, String id) {
    steer(orgId, id, signals.pause());
  }

  public void resume(String orgId, String id) {
    steer(orgId, id, signals.resume());
  }

  /** One whose workflow has not started is cancelled in its row; a started one by its workflow. */
  public void cancel(String orgId, String id) {
    find(orgId, id);
    if (cancelUnstarted.test(orgId, id)) {
      Steering.cancelStartedSince(id, signals.cancel());
      return;
    }
    steer(orgId, id, signals.cancel());
  }

  private void steer(String orgId, String id, Consumer<String> signal) {
    T row = find(orgId, id);
    if (finished.test(row)) {
      throw new ConflictException("id", what + " " + id + " is " + status.apply(row) + " already");
    }
    Steering.steer(what, id, signal);
  }

  /** The running workflow's live progress; empty when it never started or Temporal is out of reach (the row answers). */
  public static <P> Optional<P> live(Supplier<Optional<P>> progress) {
    try {
      return progress.get();
    } catch (WorkflowServiceException temporalDown) {
      return Optional.empty();
    }
  }
}
