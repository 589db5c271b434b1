package io.workerplatform.events;

import io.workerplatform.outbox.OutboxTable;
import static io.workerplatform.db.Tables.DOMAIN_EVENTS;
import static io.workerplatform.db.Tables.EVENT_HANDLER_RUNS;

import io.workerplatform.common.ConflictException;
import io.workerplatform.common.Ids;
import io.workerplatform.common.NotFoundException;
import io.workerplatform.common.Organizations;
import io.workerplatform.db.tables.records.DomainEventsRecord;
import io.workerplatform.db.tables.records.EventHandlerRunsRecord;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.jooq.CommonTableExpression;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.QueryPart;
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
              DOMAIN_EVENTS.WORKFLOW_STARTED_AT, DOMAIN_EVENTS.EXTERNAL_ID, DOMAIN_EVENTS.TYPE)
          // processing (a delayed event waiting for its time is SCHEDULED, its workflow on a timer)
          .sweeping(DOMAIN_EVENTS.STATUS.eq(DomainEventWorkflow.PROCESSING));

  private final DSLContext dsl;
  private final Clock clock;
  private final EventFanOut fanOut;

  /** @param fanOut what an event stored for now creates with it (webhook deliveries); null for nothing */
  public EventStore(DSLContext dsl, Clock clock, EventFanOut fanOut) {
    this.dsl = dsl;
    this.clock = clock;
    this.fanOut = fanOut;
  }

  /** The statements of an event's processing (its workflow's activities). */
  EventProgress progress() {
    return new EventProgress(dsl, clock);
  }

  /** The same store on {@code tx}: for an event stored in the transaction of a change it records. */
  public EventStore in(DSLContext tx) {
    return new EventStore(tx, clock, fanOut);
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


  // ---- publishing ----

  /**
   * Stores the event once under its organization's id. An event for now is stored as {@code
   * PROCESSING} together with its webhook deliveries in one statement (their ids are the publish's
   * answer); one for later as {@code SCHEDULED}, fanned out when it is processed. Storing the id
   * again creates nothing and returns what the first store created; under another type it is a
   * conflict.
   */
  public StoredEvent store(NewEvent event) {
    // The statement takes the ordering key's lock (see EventInsert), held until this statement's
    // transaction, or the caller's storing the event with its change, commits.
    return Organizations.writingFor(event.orgId(), () -> insertOnce(event));
  }

  /** Locks an organization's ordering key until {@code t}'s transaction ends: sequence numbers follow commits. */
  static void lockKey(DSLContext t, String orgId, String orderingKey) {
    t.fetch(EventInsert.LOCK_TEMPLATE, DSL.val(orgId), DSL.val(orderingKey));
  }

  private StoredEvent insertOnce(NewEvent event) {
    OffsetDateTime now = now();
    boolean later = EventInsert.later(event.processAt(), now);
    EventInsert row = new EventInsert(
        Ids.newInternalId("evt"), event.eventId(), event.orgId(), event.type(), event.dataJson(), event.processAt(),
        event.orderingKey(), event.entityId(), event.actor(), now, !later && fanOut != null);
    Record2<Boolean, String[]> stored = dsl.fetchSingle(storeStatement(row, fanOut));
    if (!stored.value1()) {
      return storedBefore(event.orgId(), event.eventId(), event.type());
    }
    String[] deliveryIds = stored.value2();
    return new StoredEvent(
        row.id(), event.orgId(), event.eventId(), event.type(), true, row.status(),
        row.later() ? event.processAt() : null, false,
        deliveryIds == null ? List.of() : Arrays.asList(deliveryIds));
  }

  /**
   * The event insert (and for an event for now, its fan-out) as data-modifying common table
   * expressions of one SELECT that says whether the event was new and which deliveries it got:
   * one statement per publish, without a transaction of round trips around it.
   */
  private static Select<Record2<Boolean, String[]>> storeStatement(EventInsert row, EventFanOut reaction) {
    Field<String> orgId = DSL.val(row.orgId());
    Field<String> type = DSL.val(row.type());
    Field<OffsetDateTime> now = DSL.val(row.now());
    // Columns of the expressions get names of their own: a name qualified by an expression would
    // be rendered with the platform schema in front of it.
    Field<String> newEventId = DSL.field(DSL.name("new_event_id"), String.class);
    Field<String> deliveryId = DSL.field(DSL.name("new_delivery_id"), String.class);
    List<QueryPart> parts = new ArrayList<>();
    parts.add(DOMAIN_EVENTS);
    row.values().forEach(value -> parts.add(DSL.val(value)));
    CommonTableExpression<Record> event =
        DSL.name("new_event").as(DSL.resultQuery(EventInsert.TEMPLATE, parts.toArray(QueryPart[]::new)));
    Field<Boolean> isNew = DSL.field(DSL.exists(DSL.selectOne().from(event)));
    if (!row.fannedOut()) {
      return DSL.with(event).select(isNew, DSL.inline((String[]) null, String[].class));
    }
    // The fan-out reads the inserted event, so an event that existed already fans out nothing.
    CommonTableExpression<Record1<String>> deliveries =
        DSL.name("new_deliveries")
            .as(reaction.insert(event, newEventId, orgId, type, now, deliveryId.getName()));
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
        existing.getWorkflowStartedAt() != null,
        fanOut == null ? List.of() : fanOut.created(dsl, orgId, existing.getId()));
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
                  fanOut == null ? List.of() : fanOut.created(dsl, orgId, e.getId()), handlers,
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
