package io.workerplatform.outbox;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.function.Function;
import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.Table;
import org.jooq.impl.DSL;

/**
 * A capability's outbox: the rows of its own table that record work whose workflow must be
 * started, declared by their columns. The API stores such a row in its transaction, starts the
 * workflow after the commit and marks the row started; {@link Outbox} finds the rows left
 * unstarted (Temporal was unreachable, the process died) for the relay, with the same columns for
 * every capability.
 *
 * @param id the row's id, which names its workflow
 * @param storedAt when it was stored: the relay leaves it alone for a grace period first
 * @param startedAt set once its workflow is known to have started; null when starting is not a
 *     once-only fact (a petition's closing time is given again whenever it changes) and {@code
 *     due} alone says what is pending, the starter recording what it gave
 * @param due which rows may start now, given the time (a scheduled bulk send not before its time)
 * @param carried the other columns its starter needs
 * @param underWay which started rows have work under way (not concluded): the sweeper restarts
 *     those whose workflow no longer runs (terminated by an operator, timed out); null for an
 *     outbox it leaves alone
 */
public record OutboxTable(
    Table<?> table,
    Field<String> id,
    Field<String> orgId,
    Field<OffsetDateTime> storedAt,
    Field<OffsetDateTime> startedAt,
    Function<OffsetDateTime, Condition> due,
    List<Field<?>> carried,
    Condition underWay) {

  /** An outbox the sweeper leaves alone. */
  public OutboxTable(
      Table<?> table, Field<String> id, Field<String> orgId, Field<OffsetDateTime> storedAt,
      Field<OffsetDateTime> startedAt, Function<OffsetDateTime, Condition> due, List<Field<?>> carried) {
    this(table, id, orgId, storedAt, startedAt, due, carried, null);
  }

  /** The same outbox, whose started rows matching {@code underWay} the sweeper checks. */
  public OutboxTable sweeping(Condition underWay) {
    return new OutboxTable(table, id, orgId, storedAt, startedAt, due, carried, underWay);
  }

  /** Rows with a {@code startedAt}, all due once stored. */
  public static OutboxTable of(
      Table<?> table, Field<String> id, Field<String> orgId, Field<OffsetDateTime> storedAt,
      Field<OffsetDateTime> startedAt, Field<?>... carried) {
    return new OutboxTable(table, id, orgId, storedAt, startedAt, now -> DSL.noCondition(), List.of(carried));
  }
}
