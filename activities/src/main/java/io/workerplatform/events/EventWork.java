package io.workerplatform.events;

import static io.workerplatform.db.Tables.DOMAIN_EVENTS;
import static io.workerplatform.db.Tables.EVENT_HANDLER_RUNS;
import static io.workerplatform.work.WorkKind.instant;

import io.workerplatform.scheduling.ScheduledKind;
import io.workerplatform.work.Phases;
import io.workerplatform.work.WorkKind;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;
import org.jooq.Condition;
import org.jooq.impl.DSL;

/** Domain events as work: the list at {@code events}, the stats' {@code events}. */
public final class EventWork {
  private EventWork() {}

  /** An event; its id is its organization's id for it. */
  public record Event(
      String id, String type, String status, String orderingKey, Instant processAt, Instant createdAt,
      Instant processedAt, String workflowId) {}

  public static final WorkKind<Event> KIND =
      new WorkKind<>(
          "events",
          "events",
          "Domain events",
          10,
          DOMAIN_EVENTS,
          DOMAIN_EVENTS.ID,
          DOMAIN_EVENTS.ORG_ID,
          DOMAIN_EVENTS.STATUS,
          DOMAIN_EVENTS.CREATED_AT,
          List.of(
              DomainEventWorkflow.SCHEDULED, DomainEventWorkflow.PROCESSING, DomainEventWorkflow.PROCESSED,
              DomainEventWorkflow.CANCELLED, DomainEventWorkflow.FAILED),
          Function.identity(),
          r ->
              new Event(
                  r.get(DOMAIN_EVENTS.EXTERNAL_ID),
                  r.get(DOMAIN_EVENTS.TYPE),
                  r.get(DOMAIN_EVENTS.STATUS),
                  r.get(DOMAIN_EVENTS.ORDERING_KEY),
                  instant(r.get(DOMAIN_EVENTS.PROCESS_AT)),
                  instant(r.get(DOMAIN_EVENTS.CREATED_AT)),
                  instant(r.get(DOMAIN_EVENTS.PROCESSED_AT)),
                  DomainEventWorkflow.workflowId(r.get(DOMAIN_EVENTS.ORG_ID), r.get(DOMAIN_EVENTS.EXTERNAL_ID))),
          new Phases(
              DOMAIN_EVENTS.PROCESSED_AT, List.of(DomainEventWorkflow.SCHEDULED), List.of(DomainEventWorkflow.PROCESSING),
              List.of(DomainEventWorkflow.PROCESSED), List.of(DomainEventWorkflow.FAILED)));

  /** Delayed events waiting for their time: scheduled action {@code EVENT:<id>}. */
  public static final ScheduledKind SCHEDULED =
      new ScheduledKind("EVENT", DOMAIN_EVENTS, DOMAIN_EVENTS.ORG_ID, DOMAIN_EVENTS.EXTERNAL_ID, DOMAIN_EVENTS.PROCESS_AT,
          DOMAIN_EVENTS.STATUS.eq(DomainEventWorkflow.SCHEDULED));

  /** Narrows the list to one event type. */
  public static Condition ofType(String type) {
    return DOMAIN_EVENTS.TYPE.eq(type);
  }

  /** The statuses a handler's run of an event can be filtered by. */
  public static final List<String> HANDLER_STATUSES =
      List.of(DomainEventWorkflow.RETRYING, DomainEventWorkflow.FAILED, DomainEventWorkflow.DONE);

  /** Events with a handler in {@code status}: {@code FAILED} are the dead letters. */
  public static Condition withHandler(String status) {
    return DSL.exists(DSL.selectOne().from(EVENT_HANDLER_RUNS)
        .where(EVENT_HANDLER_RUNS.EVENT_ID.eq(DOMAIN_EVENTS.ID)).and(EVENT_HANDLER_RUNS.STATUS.eq(status)));
  }
}
