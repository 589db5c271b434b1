package io.workerplatform.events;

import static io.workerplatform.db.Tables.DOMAIN_EVENTS;
import static io.workerplatform.db.Tables.EVENT_HANDLER_RUNS;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.Optional;
import java.util.function.Function;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.impl.DSL;
import java.util.stream.Stream;

/**
 * The statements of an event's processing, for its workflow's activities: loading the event,
 * marking it processing (its turn within its ordering key), recording its handlers' tries and
 * ends, finishing or releasing it and naming the next event of its key.
 */
final class EventProgress {
  private final DSLContext dsl;
  private final Clock clock;

  EventProgress(DSLContext dsl, Clock clock) {
    this.dsl = dsl;
    this.clock = clock;
  }


  /** The event of organization {@code orgId} with its organization's id {@code eventId}. */
  public Optional<EventStore.EventRow> load(String orgId, String eventId) {
    return dsl.select(LOADED)
        .from(DOMAIN_EVENTS)
        .where(DOMAIN_EVENTS.ORG_ID.eq(orgId))
        .and(DOMAIN_EVENTS.EXTERNAL_ID.eq(eventId))
        .fetchOptional(EventProgress::row);
  }

  /**
   * The event by its platform id, if it belongs to {@code orgId} under {@code eventId}: the hot
   * path's read. The statement names the primary key alone, so that the planner has one index to
   * choose even before the table has statistics (a new schema under load: with the organization
   * in the condition too, a plan made on the empty table scanned the organization's index).
   */
  public Optional<EventStore.EventRow> load(String orgId, String eventId, String id) {
    if (id == null) {
      return load(orgId, eventId);
    }
    return dsl.select(LOADED).from(DOMAIN_EVENTS).where(DOMAIN_EVENTS.ID.eq(id)).fetchOptional()
        .map(EventProgress::row)
        .filter(row -> row.orgId().equals(orgId) && row.eventId().equals(eventId));
  }

  private static final List<Field<?>> LOADED =
      List.of(
          DOMAIN_EVENTS.ID, DOMAIN_EVENTS.ORG_ID, DOMAIN_EVENTS.EXTERNAL_ID, DOMAIN_EVENTS.TYPE,
          DOMAIN_EVENTS.STATUS, DOMAIN_EVENTS.PROCESS_AT, DOMAIN_EVENTS.ORDERING_KEY, DOMAIN_EVENTS.SEQ,
          DOMAIN_EVENTS.ENTITY_ID, DOMAIN_EVENTS.ACTOR, DOMAIN_EVENTS.CREATED_AT, DOMAIN_EVENTS.PAYLOAD,
          DOMAIN_EVENTS.FANNED_OUT);

  private static EventStore.EventRow row(Record r) {
    return new EventStore.EventRow(
        r.get(DOMAIN_EVENTS.ID), r.get(DOMAIN_EVENTS.ORG_ID), r.get(DOMAIN_EVENTS.EXTERNAL_ID),
        r.get(DOMAIN_EVENTS.TYPE), r.get(DOMAIN_EVENTS.STATUS), instant(r.get(DOMAIN_EVENTS.PROCESS_AT)),
        r.get(DOMAIN_EVENTS.ORDERING_KEY), r.get(DOMAIN_EVENTS.SEQ), r.get(DOMAIN_EVENTS.ENTITY_ID),
        r.get(DOMAIN_EVENTS.ACTOR), instant(r.get(DOMAIN_EVENTS.CREATED_AT)),
        r.get(DOMAIN_EVENTS.PAYLOAD).data(), r.get(DOMAIN_EVENTS.FANNED_OUT));
  }

  /**
   * The end of an event's processing: PROCESSED with the handlers that took it; it was started,
   * so the started mark (a batch a moment later) finds nothing left to mark.
   */
  private int markProcessed(DSLContext t, String id, List<String> handlers) {
    OffsetDateTime now = now();
    return t.update(DOMAIN_EVENTS)
        .set(DOMAIN_EVENTS.STATUS, DomainEventWorkflow.PROCESSED)
        .set(DOMAIN_EVENTS.PROCESSED_AT, now)
        .set(DOMAIN_EVENTS.HANDLERS, handlers.toArray(String[]::new))
        .set(DOMAIN_EVENTS.WORKFLOW_STARTED_AT, DSL.coalesce(DOMAIN_EVENTS.WORKFLOW_STARTED_AT, DSL.val(now)))
        .where(DOMAIN_EVENTS.ID.eq(id))
        .and(DOMAIN_EVENTS.STATUS.eq(DomainEventWorkflow.PROCESSING))
        .execute();
  }

  /**
   * A scheduled event that is due starts processing; false when it is not scheduled any more. An
   * event with an ordering key takes its place in its key's order now, when it is due, not when it
   * was published: a new sequence number, drawn under the key's lock as at insert.
   */
  boolean markProcessing(EventStore.EventRow row) {
    if (row.orderingKey() == null) {
      return toProcessing(dsl, row.id());
    }
    return dsl.transactionResult(tx -> {
      EventStore.lockKey(tx.dsl(), row.orgId(), row.orderingKey());
      return toProcessing(tx.dsl(), row.id());
    });
  }

  private static boolean toProcessing(DSLContext t, String id) {
    return t.update(DOMAIN_EVENTS)
            .set(DOMAIN_EVENTS.STATUS, DomainEventWorkflow.PROCESSING)
            .set(DOMAIN_EVENTS.SEQ, DSL.defaultValue(DOMAIN_EVENTS.SEQ))
            .where(DOMAIN_EVENTS.ID.eq(id))
            .and(DOMAIN_EVENTS.STATUS.eq(DomainEventWorkflow.SCHEDULED))
            .execute()
        == 1;
  }

  /**
   * The first event before {@code row} in its key's order that is not processed yet. Delayed
   * events that are not due hold no place (they take one when due), so they block nothing.
   */
  Optional<String> unfinishedBefore(EventStore.EventRow row) {
    return dsl.select(DOMAIN_EVENTS.EXTERNAL_ID)
        .from(DOMAIN_EVENTS)
        .where(DOMAIN_EVENTS.ORG_ID.eq(row.orgId()))
        .and(DOMAIN_EVENTS.ORDERING_KEY.eq(row.orderingKey()))
        .and(DOMAIN_EVENTS.SEQ.lt(row.seq()))
        .and(DOMAIN_EVENTS.STATUS.eq(DomainEventWorkflow.PROCESSING))
        .orderBy(DOMAIN_EVENTS.SEQ)
        .limit(1)
        .fetchOptional(DOMAIN_EVENTS.EXTERNAL_ID);
  }

  /**
   * Marks the event's failed handlers (or the one named) {@code RETRYING} for a retry; returns
   * them with the tries they had, in name order.
   */
  Map<String, Integer> beginRetry(EventStore.EventRow row, String handler) {
    Map<String, Integer> marked = new TreeMap<>();
    dsl.update(EVENT_HANDLER_RUNS)
        .set(EVENT_HANDLER_RUNS.STATUS, DomainEventWorkflow.RETRYING)
        .set(EVENT_HANDLER_RUNS.UPDATED_AT, now())
        .where(EVENT_HANDLER_RUNS.EVENT_ID.eq(row.id()))
        .and(EVENT_HANDLER_RUNS.STATUS.eq(DomainEventWorkflow.FAILED))
        .and(handler == null ? DSL.noCondition() : EVENT_HANDLER_RUNS.HANDLER.eq(handler))
        .returning(EVENT_HANDLER_RUNS.HANDLER, EVENT_HANDLER_RUNS.ATTEMPTS)
        .fetch()
        .forEach(r -> marked.put(r.getHandler(), r.getAttempts()));
    return marked;
  }

  /** A handler's try failed: the event's page shows it retrying, with the try's error. */
  void recordFailedTry(EventStore.EventRow row, String handler, int attempt, String error) {
    OffsetDateTime now = now();
    dsl.insertInto(EVENT_HANDLER_RUNS)
        .set(EVENT_HANDLER_RUNS.EVENT_ID, row.id())
        .set(EVENT_HANDLER_RUNS.ORG_ID, row.orgId())
        .set(EVENT_HANDLER_RUNS.HANDLER, handler)
        .set(EVENT_HANDLER_RUNS.STATUS, DomainEventWorkflow.RETRYING)
        .set(EVENT_HANDLER_RUNS.ATTEMPTS, attempt)
        .set(EVENT_HANDLER_RUNS.LAST_ERROR, error)
        .set(EVENT_HANDLER_RUNS.UPDATED_AT, now)
        .onConflict(EVENT_HANDLER_RUNS.EVENT_ID, EVENT_HANDLER_RUNS.HANDLER)
        .doUpdate()
        .set(EVENT_HANDLER_RUNS.STATUS, DomainEventWorkflow.RETRYING)
        .set(EVENT_HANDLER_RUNS.ATTEMPTS, DSL.greatest(EVENT_HANDLER_RUNS.ATTEMPTS, DSL.inline(attempt)))
        .set(EVENT_HANDLER_RUNS.LAST_ERROR, error)
        .set(EVENT_HANDLER_RUNS.UPDATED_AT, now)
        // a late retry's error never reopens a handler that ended
        .where(EVENT_HANDLER_RUNS.STATUS.eq(DomainEventWorkflow.RETRYING))
        .execute();
  }

  /**
   * Writes the handlers' outcomes: a row per failed handler, and per done handler that needed
   * more than one try or (while the event still runs) any done handler. A handler done at its
   * first try on a processed event needs no row.
   */
  /** While the event still runs: a row for every handler that has ended. */
  void recordHandlers(EventStore.EventRow row, Map<String, Integer> done, Collection<String> failed) {
    recordHandlers(dsl, row, done, failed, true);
  }

  private void recordHandlers(DSLContext t, EventStore.EventRow row, Map<String, Integer> done, Collection<String> failed, boolean all) {
    OffsetDateTime now = now();
    for (Map.Entry<String, Integer> d : done.entrySet()) {
      if (all || d.getValue() > 1) {
        upsertEnd(t, row, d.getKey(), DomainEventWorkflow.DONE, d.getValue(), now);
      }
    }
    for (String handler : failed) {
      upsertEnd(t, row, handler, DomainEventWorkflow.FAILED, 0, now);
    }
  }

  private static void upsertEnd(DSLContext t, EventStore.EventRow row, String handler, String status, int attempts, OffsetDateTime now) {
    t.insertInto(EVENT_HANDLER_RUNS)
        .set(EVENT_HANDLER_RUNS.EVENT_ID, row.id())
        .set(EVENT_HANDLER_RUNS.ORG_ID, row.orgId())
        .set(EVENT_HANDLER_RUNS.HANDLER, handler)
        .set(EVENT_HANDLER_RUNS.STATUS, status)
        .set(EVENT_HANDLER_RUNS.ATTEMPTS, attempts)
        .set(EVENT_HANDLER_RUNS.UPDATED_AT, now)
        .onConflict(EVENT_HANDLER_RUNS.EVENT_ID, EVENT_HANDLER_RUNS.HANDLER)
        .doUpdate()
        .set(EVENT_HANDLER_RUNS.STATUS, status)
        .set(EVENT_HANDLER_RUNS.ATTEMPTS, DSL.greatest(EVENT_HANDLER_RUNS.ATTEMPTS, DSL.inline(attempts)))
        .set(EVENT_HANDLER_RUNS.UPDATED_AT, now)
        .execute();
  }

  /**
   * Records the outcomes and the event {@code PROCESSED} (once), with the handlers that took it;
   * returns the next event with its ordering key that is not processed yet.
   */
  Optional<String> finish(EventStore.EventRow row, Map<String, Integer> done, Collection<String> failed) {
    List<String> handlers =
        Stream.concat(done.keySet().stream(), failed.stream()).sorted().toList();
    Function<DSLContext, Integer> end =
        t -> {
          recordHandlers(t, row, done, failed, false);
          return markProcessed(t, row.id(), handlers);
        };
    boolean rows = !failed.isEmpty() || done.values().stream().anyMatch(a -> a > 1);
    if (rows) {
      dsl.transactionResult(tx -> end.apply(tx.dsl()));
    } else {
      end.apply(dsl);
    }
    return nextAfter(row);
  }

  /**
   * Records an event whose processing ended without running it through ({@code FAILED}: its
   * processing gave up; {@code CANCELLED}) unless it ended otherwise already: its ordering key is
   * released. True when this call changed it.
   */
  boolean release(EventStore.EventRow row, String status) {
    OffsetDateTime now = now();
    return dsl.update(DOMAIN_EVENTS)
            .set(DOMAIN_EVENTS.STATUS, status)
            .set(DOMAIN_EVENTS.PROCESSED_AT, now)
            .set(DOMAIN_EVENTS.WORKFLOW_STARTED_AT, DSL.coalesce(DOMAIN_EVENTS.WORKFLOW_STARTED_AT, DSL.val(now)))
            .where(DOMAIN_EVENTS.ID.eq(row.id()))
            .and(DOMAIN_EVENTS.STATUS.in(DomainEventWorkflow.SCHEDULED, DomainEventWorkflow.PROCESSING))
            .execute()
        == 1;
  }

  /** The next event after {@code row} in its key's order that is under way, if it has a key. */
  Optional<String> nextAfter(EventStore.EventRow row) {
    if (row.orderingKey() == null) {
      return Optional.empty();
    }
    return dsl.select(DOMAIN_EVENTS.EXTERNAL_ID)
        .from(DOMAIN_EVENTS)
        .where(DOMAIN_EVENTS.ORG_ID.eq(row.orgId()))
        .and(DOMAIN_EVENTS.ORDERING_KEY.eq(row.orderingKey()))
        .and(DOMAIN_EVENTS.SEQ.gt(row.seq()))
        .and(DOMAIN_EVENTS.STATUS.eq(DomainEventWorkflow.PROCESSING))
        .orderBy(DOMAIN_EVENTS.SEQ)
        .limit(1)
        .fetchOptional(DOMAIN_EVENTS.EXTERNAL_ID);
  }

  private OffsetDateTime now() {
    return OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
  }

  private static Instant instant(OffsetDateTime t) {
    return t == null ? null : t.toInstant();
  }
}
