package io.workerplatform.events;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;

/**
 * The one definition of how a domain event is written: its row's values and the statement that
 * inserts it. Two writers use it: the host's event store (jOOQ, adding its webhook fan-out around
 * it) and the starters' {@code DomainEvents} (Spring's {@code JdbcClient} in the caller's
 * transaction), which cannot depend on the host's classes.
 *
 * <p>The statement takes the ordering key's lock itself, before the row draws its sequence number,
 * and the lock is held until the writing transaction commits: a later transaction of the same key
 * waits for it and draws a higher number, so a key's sequence follows commit order whichever writer
 * wrote the events.
 *
 * @param fannedOut whether the event's webhook deliveries are written with it
 */
public record EventInsert(
    String id, String eventId, String orgId, String type, String dataJson, Instant processAt, String orderingKey,
    String entityId, String actor, OffsetDateTime now, boolean fannedOut) {

  /**
   * The statement, with placeholders {@code {0}} for the table ({@code domain_events}, qualified by
   * the platform's schema) and {@code {1}}..{@code {12}} for {@link #values()} (each cast where
   * its column is not text: a writer may bind a null without a type); it returns the new
   * row's id as {@code new_event_id}, or nothing when the organization had stored the event id.
   */
  public static final String TEMPLATE =
      "insert into {0} (id, external_id, org_id, type, payload, status, process_at, ordering_key, entity_id,"
          + " actor, created_at, fanned_out)"
          + " select {1}, {2}, {3}, {4}, cast({5} as jsonb), {6}, cast({7} as timestamptz), {8}, {9}, {10},"
          + " cast({11} as timestamptz), cast({12} as boolean)"
          + " from (select count(*) from (select pg_advisory_xact_lock(hashtextextended("
          + "cast({3} as text) || '/' || cast({8} as text), 0)) where cast({8} as text) is not null) as key_lock)"
          + " as locked"
          + " on conflict (org_id, external_id) do nothing returning id as new_event_id";

  /**
   * The ordering key's lock alone ({@code {0}} the organization, {@code {1}} the key), the same
   * lock as the insert's: for a writer that draws a key's next sequence number otherwise (a
   * scheduled event falling due).
   */
  public static final String LOCK_TEMPLATE =
      "select pg_advisory_xact_lock(hashtextextended(cast({0} as text) || '/' || cast({1} as text), 0))";

  /** Whether the event waits for {@code processAt} ({@code SCHEDULED}) or is processed now. */
  public boolean later() {
    return later(processAt, now);
  }

  /** Whether an event for {@code processAt}, stored {@code now}, waits for its time. */
  public static boolean later(Instant processAt, OffsetDateTime now) {
    return processAt != null && processAt.isAfter(now.toInstant());
  }

  /** {@code SCHEDULED} for later, else {@code PROCESSING}. */
  public String status() {
    return later() ? DomainEventWorkflow.SCHEDULED : DomainEventWorkflow.PROCESSING;
  }

  /** The values of placeholders {@code {1}} to {@code {12}}, in order. */
  public List<Object> values() {
    return Arrays.asList(
        id, eventId, orgId, type, dataJson, status(), later() ? processAt.atOffset(ZoneOffset.UTC) : null,
        orderingKey, entityId, actor, now, fannedOut);
  }
}
