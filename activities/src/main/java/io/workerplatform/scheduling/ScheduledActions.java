package io.workerplatform.scheduling;

import io.workerplatform.common.Page;
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
 * What an organization has waiting on a durable timer, soonest first, over every registered {@link
 * ScheduledKind}. Each is the row its timer reads when it fires, so the list is the rows, not the
 * timers.
 */
public class ScheduledActions {
  /** {@code id} is {@code <kind>:<entityId>}. */
  public record ScheduledAction(String id, String kind, String entityId, Instant dueAt) {}

  /** An action's id taken apart. */
  public record ActionId(String kind, String entityId) {}

  private final DSLContext dsl;
  private final List<ScheduledKind> kinds;

  public ScheduledActions(DSLContext dsl, List<ScheduledKind> kinds) {
    this.dsl = dsl;
    this.kinds = List.copyOf(kinds);
  }

  /** Empty for an id this API did not hand out (no such kind registered). */
  public Optional<ActionId> parse(String id) {
    int colon = id == null ? -1 : id.indexOf(':');
    if (colon < 0) {
      return Optional.empty();
    }
    String kind = id.substring(0, colon);
    String entityId = id.substring(colon + 1);
    return kind(kind).isPresent() && !entityId.isEmpty() ? Optional.of(new ActionId(kind, entityId)) : Optional.empty();
  }

  private Optional<ScheduledKind> kind(String kind) {
    return kinds.stream().filter(k -> k.kind().equals(kind)).findFirst();
  }

  /** Whether the organization has this action waiting. */
  public boolean isScheduled(String orgId, ActionId action) {
    return kind(action.kind())
        .map(k -> dsl.fetchExists(k.table(), k.orgId().eq(orgId).and(k.entityId().eq(action.entityId())).and(k.waiting())))
        .orElse(false);
  }

  /** The organization's scheduled actions, soonest first, after the cursor's position. */
  public Page<ScheduledAction> list(String orgId, int limit, Optional<Page.After> after) {
    Field<String> kind = DSL.field(DSL.name("kind"), String.class);
    Field<String> entity = DSL.field(DSL.name("entity_id"), String.class);
    Field<OffsetDateTime> due = DSL.field(DSL.name("due_at"), OffsetDateTime.class);
    Select<Record3<String, String, OffsetDateTime>> union = null;
    for (ScheduledKind k : kinds) {
      Select<Record3<String, String, OffsetDateTime>> waiting =
          DSL.select(DSL.inline(k.kind()).as(kind), k.entityId().as(entity), k.dueAt().as(due))
              .from(k.table())
              .where(k.orgId().eq(orgId))
              .and(k.waiting());
      union = union == null ? waiting : union.unionAll(waiting);
    }
    if (union == null) {
      return new Page<>(List.of(), null);
    }
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
