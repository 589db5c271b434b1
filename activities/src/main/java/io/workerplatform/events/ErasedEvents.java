package io.workerplatform.events;

import org.jooq.DSLContext;

/**
 * A capability that keeps data derived from events' payloads (a webhook receiver's answers) and
 * erases it when the anonymizer erases the events, in the same transaction. Registered as a bean.
 */
@FunctionalInterface
public interface ErasedEvents {
  /** The events {@code eventIds} are being erased; {@code t} is the anonymizer's transaction. */
  void erased(DSLContext t, String[] eventIds);
}
