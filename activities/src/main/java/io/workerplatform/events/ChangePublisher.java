package io.workerplatform.events;

import java.util.function.Function;
import org.jooq.DSLContext;

/**
 * Publishes the event of a change the platform's API makes itself (a comment, a completed
 * petition) in the change's own transaction: the event exists if and only if the change does.
 */
public interface ChangePublisher {

  /**
   * Runs {@code change} and stores the event it returns in one transaction; the event's processing
   * starts after the commit (a start that fails is left to the relay; the change stands).
   *
   * @param change the statements of the change on the transaction's context; its event may be
   *     null (nothing to publish, say when the change was made before)
   */
  <T> T publishWith(Function<DSLContext, Change<T>> change);

  /** A change's answer and the event that records it (or null). */
  record Change<T>(T result, EventStore.NewEvent event) {}
}
