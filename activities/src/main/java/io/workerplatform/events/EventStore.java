package io.workerplatform.events;

import io.workerplatform.outbox.OutboxTable;
import static io.workerplatform.db.Tables.DOMAIN_EVENTS;
import static io.workerplatform.db.Tables.EVENT_HANDLER_RUNS;
import static io.workerplatform.db.Tables.WEBHOOK_DELIVERIES;

import io.workerplatform.common.ConflictException;
import io.workerplatform.common.IdSet;
import io.workerplatform.common.Ids;
import io.workerplatform.common.NotFoundException;
import io.workerplatform.common.Organizations;
import io.workerplatform.db.tables.records.DomainEventsRecord;
import io.workerplatform.db.tables.records.EventHandlerRunsRecord;
import io.workerplatform.webhook.DeliveryFanOut;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.jooq.CommonTableExpression;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.JSONB;
import org.jooq.Record;
import org.jooq.Record1;
import org.jooq.Record2;
import org.jooq.Select;
import org.jooq.impl.DSL;

/** The domain events table and the per-handler rows of each event's processing. */
public class EventStore {
  /** Events whose workflow must be started: {@code domain-event/<orgId>/<eventId>}. */
  public static final OutboxTable OUTBOX =
      OutboxTable.of(DOMAIN_EVENTS, DOMAIN_EVENTS.ID, DOMAIN_EVENTS.ORG_ID, DOMAIN_EVENTS.CREATED_AT,
          DOMAIN_EVENTS.WORKFLOW_STARTED_AT, DOMAIN_EVENTS.EXTERNAL_ID, DOMAIN_EVENTS.TYPE);

  private final DSLContext dsl;
  private final Clock clock;

  public EventStore(DSLContext dsl, Clock clock) {
    this.dsl = dsl;
    this.clock = clock;
  }

  /** The same store on {@code tx}: for an event stored in the transaction of a change it records. */
  public EventStore in(DSLContext tx) {
    return new EventStore(tx, clock);
  }

  /** An event to store; {@code processAt} null (or past) processes it now. */
  public record NewEvent(
      String orgId, String eventId, String type, String dataJson, String entityId, String actor,
      Instant processAt, String orderingKey) {}

  /**
   * An event as stored: {@code id} is the platform's key, {@code eventId} the organization's.
   *
   * @param created false when the organization had stored this event id already
   * @param started true once Temporal accepted its workflow
   */
  public record StoredEvent(
      String id, String orgId, String eventId, String type, boolean created, String status, Instant processAt,
      boolean started, List<String> deliveryIds) {}

  /** An event row, for its processing. */
  /** @param fannedOut whether its webhook deliveries were created with it */
  public record EventRow(
      String id, String orgId, String eventId, String type, String status, Instant processAt,
      String orderingKey, long seq, String entityId, String actor, Instant createdAt, String dataJson,
      boolean fannedOut) {}

  /** An event whose workflow was not known to have started: what the relay starts. */
  public record EventRef(String id, String orgId, String eventId, String type) {}

  // ---- publishing ----

  /**
   * Stores the event once under its organization's id. An event for now is stored as {@code
   * PROCESSING} together with its webhook deliveries in one statement (their ids are the publish's
   * answer); one for later as {@code SCHEDULED}, fanned out when it is processed. Storing the id
   * again creates nothing and returns what the first store created; under another type it is a
   * conflict.
   */
  public StoredEvent store(NewEvent event) {
    return Organizations.writingFor(event.orgId(), () -> storeOnce(event));
  }

  private StoredEvent storeOnce(NewEvent event) {
    if (event.orderingKey() == null) {
      return insertOnce(event);
    }
    // A key's sequence follows commit order: the sequence number is drawn under a lock of the key
    // held until this transaction (or the caller's, storing the event with its change) commits, so
    // a later transaction of the same key waits for it and draws a higher number. Without it, a
    // transaction that inserted first and committed second was processed after one it preceded.
    return dsl.transactionResult(tx -> {
      lockKey(tx.dsl(), event.orgId(), event.orderingKey());
      return in(tx.dsl()).insertOnce(event);
    });
  }

  /** Locks an organization's ordering key until {@code t}'s transaction ends: sequence numbers follow commits. */
  private static void lockKey(DSLContext t, String orgId, String orderingKey) {
    t.fetch("select pg_advisory_xact_lock(hashtextextended(?, 0))", orgId + "/" + orderingKey);
  }

  private StoredEvent insertOnce(NewEvent event) {
    OffsetDateTime now = now();
    boolean later = event.processAt() != null && event.processAt().isAfter(now.toInstant());
    String id = Ids.newInternalId("evt");
    Record2<Boolean, String[]> stored = dsl.fetchSingle(storeStatement(event, id, later, now));
    if (!stored.value1()) {
      return storedBefore(event.orgId(), event.eventId(), event.type());
    }
    String[] deliveryIds = stored.value2();
    return new StoredEvent(
        id, event.orgId(), event.eventId(), event.type(), true,
        later ? DomainEventWorkflow.SCHEDULED : DomainEventWorkflow.PROCESSING,
        later ? event.processAt() : null, false,
        deliveryIds == null ? List.of() : Arrays.asList(deliveryIds));
  }

  /**
   * The event insert (and for an event for now, its fan-out) as data-modifying common table
   * expressions of one SELECT that says whether the event was new and which deliveries it got:
   * one statement per publish, without a transaction of round trips around it.
   */
  private static Select<Record2<Boolean, String[]>> storeStatement(
      NewEvent stored, String id, boolean later, OffsetDateTime at) {
    boolean fanOut = !later;
    Field<String> orgId = DSL.val(stored.orgId());
    Field<String> type = DSL.val(stored.type());
    Field<OffsetDateTime> now = DSL.val(at);
    // Columns of the expressions get names of their own: a name qualified by an expression would
    // be rendered with the platform schema in front of it.
    Field<String> newEventId = DSL.field(DSL.name("new_event_id"), String.class);
    Field<String> deliveryId = DSL.field(DSL.name("new_delivery_id"), String.class);
    CommonTableExpression<Record1<String>> event =
        DSL.name("new_event")
            .as(
                DSL.insertInto(DOMAIN_EVENTS)
                    .set(DOMAIN_EVENTS.ID, id)
                    .set(DOMAIN_EVENTS.EXTERNAL_ID, stored.eventId())
                    .set(DOMAIN_EVENTS.ORG_ID, orgId)
                    .set(DOMAIN_EVENTS.TYPE, type)
                    .set(DOMAIN_EVENTS.PAYLOAD, JSONB.jsonb(stored.dataJson()))
                    .set(DOMAIN_EVENTS.STATUS, later ? DomainEventWorkflow.SCHEDULED : DomainEventWorkflow.PROCESSING)
                    .set(DOMAIN_EVENTS.PROCESS_AT, later ? stored.processAt().atOffset(ZoneOffset.UTC) : null)
                    .set(DOMAIN_EVENTS.ORDERING_KEY, stored.orderingKey())
                    .set(DOMAIN_EVENTS.ENTITY_ID, stored.entityId())
                    .set(DOMAIN_EVENTS.ACTOR, stored.actor())
                    .set(DOMAIN_EVENTS.FANNED_OUT, DSL.inline(fanOut))
                    .set(DOMAIN_EVENTS.CREATED_AT, now)
                    .onConflictDoNothing()
                    .returningResult(DOMAIN_EVENTS.ID.as(newEventId)));
    Field<Boolean> isNew = DSL.field(DSL.exists(DSL.selectOne().from(event)));
    if (!fanOut) {
      return DSL.with(event).select(isNew, DSL.inline((String[]) null, String[].class));
    }
    // The fan-out reads the inserted event, so an event that existed already fans out nothing.
    CommonTableExpression<Record1<String>> deliveries =
        DSL.name("new_deliveries")
            .as(DeliveryFanOut.insert(event, newEventId, orgId, type, now, deliveryId.getName()));
    // PostgreSQL runs data-modifying CTEs to completion whether or not the SELECT reads them.
    return DSL.with(event)
        .with(deliveries)
        .select(isNew, DSL.field(DSL.select(DSL.arrayAgg(deliveryId).orderBy(deliveryId)).from(deliveries)));
  }

  /** The organization used the event id already: the same event stored again, or a conflicting one. */
  private StoredEvent storedBefore(String orgId, String eventId, String type) {
    DomainEventsRecord existing =
        dsl.fetchSingle(DOMAIN_EVENTS, DOMAIN_EVENTS.ORG_ID.eq(orgId).and(DOMAIN_EVENTS.EXTERNAL_ID.eq(eventId)));
    if (!existing.getType().equals(type)) {
      throw new ConflictException("id", "event id " + eventId + " is already used by another event");
    }
    return new StoredEvent(
        existing.getId(), orgId, eventId, type, false, existing.getStatus(), instant(existing.getProcessAt()),
        existing.getWorkflowStartedAt() != null, deliveryIds(existing.getId(), orgId));
  }

  private List<String> deliveryIds(String id, String orgId) {
    return dsl.select(WEBHOOK_DELIVERIES.ID)
        .from(WEBHOOK_DELIVERIES)
        .where(WEBHOOK_DELIVERIES.EVENT_ID.eq(id))
        .and(WEBHOOK_DELIVERIES.ORG_ID.eq(orgId))
        .orderBy(WEBHOOK_DELIVERIES.ID)
        .fetch(WEBHOOK_DELIVERIES.ID);
  }

  /**
   * Events under way ({@code PROCESSING}, their workflow started) since before {@code createdBefore},
   * by id after {@code afterId}: what the sweeper checks for a workflow that no longer runs.
   */
  public List<EventRef> underWay(OffsetDateTime createdBefore, String afterId, int limit) {
    return dsl.select(DOMAIN_EVENTS.ID, DOMAIN_EVENTS.ORG_ID, DOMAIN_EVENTS.EXTERNAL_ID, DOMAIN_EVENTS.TYPE)
        .from(DOMAIN_EVENTS)
        .where(DOMAIN_EVENTS.STATUS.eq(DomainEventWorkflow.PROCESSING))
        .and(DOMAIN_EVENTS.ID.gt(afterId))
        .and(DOMAIN_EVENTS.WORKFLOW_STARTED_AT.isNotNull())
        .and(DOMAIN_EVENTS.CREATED_AT.lt(createdBefore))
        .orderBy(DOMAIN_EVENTS.ID)
        .limit(limit)
        .fetch(r -> new EventRef(r.value1(), r.value2(), r.value3(), r.value4()));
  }

  // ---- processing ----

  /** The event of organization {@code orgId} with its organization's id {@code eventId}. */
  public Optional<EventRow> load(String orgId, String eventId) {
    return dsl.select(LOADED)
        .from(DOMAIN_EVENTS)
        .where(DOMAIN_EVENTS.ORG_ID.eq(orgId))
        .and(DOMAIN_EVENTS.EXTERNAL_ID.eq(eventId))
        .fetchOptional(EventStore::row);
  }

  /**
   * The event by its platform id, if it belongs to {@code orgId} under {@code eventId}: the hot
   * path's read. The statement names the primary key alone, so that the planner has one index to
   * choose even before the table has statistics (a new schema under load: with the organization
   * in the condition too, a plan made on the empty table scanned the organization's index).
   */
  public Optional<EventRow> load(String orgId, String eventId, String id) {
    if (id == null) {
      return load(orgId, eventId);
    }
    return dsl.select(LOADED).from(DOMAIN_EVENTS).where(DOMAIN_EVENTS.ID.eq(id)).fetchOptional()
        .map(EventStore::row)
        .filter(row -> row.orgId().equals(orgId) && row.eventId().equals(eventId));
  }

  private static final List<Field<?>> LOADED =
      List.of(
          DOMAIN_EVENTS.ID, DOMAIN_EVENTS.ORG_ID, DOMAIN_EVENTS.EXTERNAL_ID, DOMAIN_EVENTS.TYPE,
          DOMAIN_EVENTS.STATUS, DOMAIN_EVENTS.PROCESS_AT, DOMAIN_EVENTS.ORDERING_KEY, DOMAIN_EVENTS.SEQ,
          DOMAIN_EVENTS.ENTITY_ID, DOMAIN_EVENTS.ACTOR, DOMAIN_EVENTS.CREATED_AT, DOMAIN_EVENTS.PAYLOAD,
          DOMAIN_EVENTS.FANNED_OUT);

  private static EventRow row(Record r) {
    return new EventRow(
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
  boolean markProcessing(EventRow row) {
    if (row.orderingKey() == null) {
      return toProcessing(dsl, row.id());
    }
    return dsl.transactionResult(tx -> {
      lockKey(tx.dsl(), row.orgId(), row.orderingKey());
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
  Optional<String> unfinishedBefore(EventRow row) {
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

  /** A handler's try failed: the event's page shows it retrying, with the try's error. */
  void recordFailedTry(EventRow row, String handler, int attempt, String error) {
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
  void recordHandlers(EventRow row, Map<String, Integer> done, Collection<String> failed) {
    recordHandlers(dsl, row, done, failed, true);
  }

  private void recordHandlers(DSLContext t, EventRow row, Map<String, Integer> done, Collection<String> failed, boolean all) {
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

  private static void upsertEnd(DSLContext t, EventRow row, String handler, String status, int attempts, OffsetDateTime now) {
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
  Optional<String> finish(EventRow row, Map<String, Integer> done, Collection<String> failed) {
    List<String> handlers =
        java.util.stream.Stream.concat(done.keySet().stream(), failed.stream()).sorted().toList();
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
  boolean release(EventRow row, String status) {
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
  Optional<String> nextAfter(EventRow row) {
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

  // ---- the API's views ----

  public record HandlerView(String name, String status, int attempts, String lastError) {}

  public record EventView(
      String id, String type, String status, String orderingKey, String entityId, String actor,
      Instant createdAt, Instant processAt, Instant processedAt, List<String> deliveryIds,
      List<HandlerView> handlers, String workflowId) {}

  /**
   * The event of organization {@code orgId} with its handlers: those that took it once it is
   * processed, else {@code expected} (the handlers that take its type now), each with its row or,
   * without one, DONE at the first try (processed) or PENDING.
   */
  public Optional<EventView> find(String orgId, String eventId, Function<String, List<String>> expected) {
    return dsl.selectFrom(DOMAIN_EVENTS)
        .where(DOMAIN_EVENTS.ORG_ID.eq(orgId))
        .and(DOMAIN_EVENTS.EXTERNAL_ID.eq(eventId))
        .fetchOptional()
        .map(
            e -> {
              Map<String, EventHandlerRunsRecord> runs =
                  dsl.selectFrom(EVENT_HANDLER_RUNS)
                      .where(EVENT_HANDLER_RUNS.EVENT_ID.eq(e.getId()))
                      .and(EVENT_HANDLER_RUNS.ORG_ID.eq(orgId))
                      .fetchMap(EVENT_HANDLER_RUNS.HANDLER);
              boolean processed = DomainEventWorkflow.PROCESSED.equals(e.getStatus());
              List<String> names =
                  e.getHandlers() != null
                      ? List.of(e.getHandlers())
                      : DomainEventWorkflow.CANCELLED.equals(e.getStatus()) ? List.of() : expected.apply(e.getType());
              List<HandlerView> handlers =
                  names.stream()
                      .map(
                          name -> {
                            EventHandlerRunsRecord run = runs.get(name);
                            if (run != null) {
                              return new HandlerView(name, run.getStatus(), run.getAttempts(), run.getLastError());
                            }
                            return processed
                                ? new HandlerView(name, DomainEventWorkflow.DONE, 1, null)
                                : new HandlerView(name, DomainEventWorkflow.PENDING, 0, null);
                          })
                      .toList();
              return new EventView(
                  e.getExternalId(), e.getType(), e.getStatus(), e.getOrderingKey(), e.getEntityId(), e.getActor(),
                  instant(e.getCreatedAt()), instant(e.getProcessAt()), instant(e.getProcessedAt()),
                  deliveryIds(e.getId(), orgId), handlers,
                  DomainEventWorkflow.workflowId(orgId, e.getExternalId()));
            });
  }

  /**
   * Cancels a scheduled event of organization {@code orgId}.
   *
   * @throws NotFoundException when the organization has no such event
   * @throws ConflictException when it is not scheduled any more
   */
  public void cancel(String orgId, String eventId) {
    int cancelled =
        dsl.update(DOMAIN_EVENTS)
            .set(DOMAIN_EVENTS.STATUS, DomainEventWorkflow.CANCELLED)
            .set(DOMAIN_EVENTS.PROCESSED_AT, now())
            .where(DOMAIN_EVENTS.ORG_ID.eq(orgId))
            .and(DOMAIN_EVENTS.EXTERNAL_ID.eq(eventId))
            .and(DOMAIN_EVENTS.STATUS.eq(DomainEventWorkflow.SCHEDULED))
            .execute();
    if (cancelled == 0) {
      String status =
          dsl.select(DOMAIN_EVENTS.STATUS)
              .from(DOMAIN_EVENTS)
              .where(DOMAIN_EVENTS.ORG_ID.eq(orgId))
              .and(DOMAIN_EVENTS.EXTERNAL_ID.eq(eventId))
              .fetchOptional(DOMAIN_EVENTS.STATUS)
              .orElseThrow(() -> new NotFoundException("event", eventId));
      throw new ConflictException("id", "event " + eventId + " is " + status + ": only a SCHEDULED event can be cancelled");
    }
  }

  private OffsetDateTime now() {
    return OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
  }

  private static Instant instant(OffsetDateTime t) {
    return t == null ? null : t.toInstant();
  }
}
