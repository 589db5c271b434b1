package io.workerplatform.scheduling;

import java.time.OffsetDateTime;
import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.Table;

/**
 * A kind of action a capability keeps waiting on a durable timer (a delayed event, a scheduled bulk
 * send, a petition's closing), registered as a bean: the rows its timers read when they fire, so
 * that {@link ScheduledActions} lists them with every other kind, soonest first.
 *
 * @param kind the action's kind, the prefix of its id ({@code EVENT}, {@code BULK_SEND})
 * @param table its rows
 * @param orgId the rows' organization
 * @param entityId the id the organization knows the entity by
 * @param dueAt when it is due
 * @param waiting which rows are waiting (their timer has not fired, nor been cancelled)
 */
public record ScheduledKind(
    String kind, Table<?> table, Field<String> orgId, Field<String> entityId, Field<OffsetDateTime> dueAt,
    Condition waiting) {}
