package io.workerplatform.scheduling;

import static io.workerplatform.db.Tables.BULK_SENDS;
import static io.workerplatform.db.Tables.DOMAIN_EVENTS;
import static io.workerplatform.db.Tables.PETITIONS;

import io.workerplatform.bulksend.BulkSendWorkflow;
import io.workerplatform.common.Page;
import io.workerplatform.events.DomainEventWorkflow;
import io.workerplatform.petitions.PetitionStore;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record3;
import org.jooq.Select;
import org.jooq.impl.DSL;

/**
 * What an organization has waiting on a durable timer: delayed events, scheduled bulk sends and
 * petitions' closing times, soonest first. Each is the row its timer reads when it fires, so the
 * list is the rows, not the timers.
 */
public class ScheduledActions {
  public static final String EVENT = "EVENT";
  public static final String BULK_SEND = "BULK_SEND";
  public static final String PETITION_CLOSE = "PETITION_CLOSE";

  /** {@code id} is {@code <kind>:<entityId>}; {@code entityId} the event's, bulk send's or petition's id. */
  public record ScheduledAction(String id, String kind, String entityId, Instant dueAt) {}

  /** An action's id taken apart. */
  public record ActionId(String kind, String entityId) {
    /** Empty for an id this API did not hand out. */
    public static Optional<ActionId> parse(String id) {
      int colon = id == null ? -1 : id.indexOf(':');
      if (colon < 0) {
        return Optional.empty();
      }
      String kind = id.substring(0, colon);
      String entityId = id.substring(colon + 1);
      return List.of(EVENT, BULK_SEND, PETITION_CLOSE).contains(kind) && !entityId.isEmpty()
          ? Optional.of(new ActionId(kind, entityId))
          : Optional.empty();
    }
  }

  private final DSLContext dsl;

  public ScheduledActions(DSLContext dsl) {
    this.dsl = dsl;
  }

  /** Whether the organization has this action waiting. */
  public boolean isScheduled(String orgId, ActionId action) {
    return switch (action.kind()) {
      case EVENT -> dsl.fetchExists(DOMAIN_EVENTS, DOMAIN_EVENTS.ORG_ID.eq(orgId)
          .and(DOMAIN_EVENTS.EXTERNAL_ID.eq(action.entityId()))
          .and(DOMAIN_EVENTS.STATUS.eq(DomainEventWorkflow.SCHEDULED)));
      case BULK_SEND -> dsl.fetchExists(BULK_SENDS, BULK_SENDS.ORG_ID.eq(orgId)
          .and(BULK_SENDS.ID.eq(action.entityId()))
          .and(BULK_SENDS.STATUS.eq(BulkSendWorkflow.SCHEDULED)));
      default -> dsl.fetchExists(PETITIONS, PETITIONS.ORG_ID.eq(orgId)
          .and(PETITIONS.ID.eq(action.entityId()))
          .and(PETITIONS.STATUS.eq(PetitionStore.OPEN))
          .and(PETITIONS.DELETED_AT.isNull())
          .and(PETITIONS.CLOSES_AT.isNotNull()));
    };
  }

  /** The organization's scheduled actions, soonest first, after the cursor's position. */
  public Page<ScheduledAction> list(String orgId, int limit, Optional<Page.After> after) {
    Field<String> kind = DSL.field(DSL.name("kind"), String.class);
    Field<String> entity = DSL.field(DSL.name("entity_id"), String.class);
    Field<OffsetDateTime> due = DSL.field(DSL.name("due_at"), OffsetDateTime.class);
    Select<Record3<String, String, OffsetDateTime>> union =
        DSL.select(DSL.inline(EVENT).as(kind), DOMAIN_EVENTS.EXTERNAL_ID.as(entity), DOMAIN_EVENTS.PROCESS_AT.as(due))
            .from(DOMAIN_EVENTS)
            .where(DOMAIN_EVENTS.ORG_ID.eq(orgId))
            .and(DOMAIN_EVENTS.STATUS.eq(DomainEventWorkflow.SCHEDULED))
            .unionAll(
                DSL.select(DSL.inline(BULK_SEND), BULK_SENDS.ID, BULK_SENDS.SEND_AT)
                    .from(BULK_SENDS)
                    .where(BULK_SENDS.ORG_ID.eq(orgId))
                    .and(BULK_SENDS.STATUS.eq(BulkSendWorkflow.SCHEDULED)))
            .unionAll(
                DSL.select(DSL.inline(PETITION_CLOSE), PETITIONS.ID, PETITIONS.CLOSES_AT)
                    .from(PETITIONS)
                    .where(PETITIONS.ORG_ID.eq(orgId))
                    .and(PETITIONS.STATUS.eq(PetitionStore.OPEN))
                    .and(PETITIONS.DELETED_AT.isNull())
                    .and(PETITIONS.CLOSES_AT.isNotNull()));
    var actions = union.asTable("actions");
    Field<String> id = actions.field(kind).concat(DSL.inline(":")).concat(actions.field(entity));
    List<Record3<String, String, OffsetDateTime>> rows =
        dsl.select(actions.field(kind), actions.field(entity), actions.field(due))
            .from(actions)
            .where(after.map(a -> DSL.row(actions.field(due), id).gt(a.createdAt(), a.id())).orElse(DSL.noCondition()))
            .orderBy(actions.field(due), id)
            .limit(limit + 1)
            .fetch();
    return Page.of(
        rows, limit, Record3::value3, r -> r.value1() + ":" + r.value2(),
        r -> new ScheduledAction(r.value1() + ":" + r.value2(), r.value1(), r.value2(), r.value3().toInstant()));
  }
}
