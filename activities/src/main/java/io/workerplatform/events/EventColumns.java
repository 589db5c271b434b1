package io.workerplatform.events;

import static io.workerplatform.db.Tables.DOMAIN_EVENTS;

import io.workerplatform.db.tables.DomainEvents;
import java.time.OffsetDateTime;
import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.JSONB;
import org.jooq.Table;
import org.jooq.TableLike;
import org.jooq.impl.DSL;

/**
 * What another capability may read of stored events inside its own statements, like a view the
 * events capability publishes: the webhook capability joins a delivery to its event's type, ids
 * and payload in the one query of an attempt, where a call through a store would add a round
 * trip per delivery. Only these columns are published; what an event's processing writes (status,
 * handler runs, ordering) stays the events capability's.
 */
public final class EventColumns {
  private static final DomainEvents EVENT = DOMAIN_EVENTS.as("published_event");

  /** The stored events, to join on {@link #of}. */
  public static final Table<?> TABLE = EVENT;

  /** The platform's key of an event (what other rows reference). */
  public static final Field<String> ID = EVENT.ID;

  public static final Field<String> ORG_ID = EVENT.ORG_ID;

  /** The organization's own id of the event. */
  public static final Field<String> EVENT_ID = EVENT.EXTERNAL_ID;

  public static final Field<String> TYPE = EVENT.TYPE;
  public static final Field<OffsetDateTime> CREATED_AT = EVENT.CREATED_AT;
  public static final Field<JSONB> PAYLOAD = EVENT.PAYLOAD;

  private EventColumns() {}

  /** The join condition: the event that {@code eventRef} (the platform's key) names in the organization. */
  public static Condition of(Field<String> eventRef, Field<String> orgId) {
    return ID.eq(eventRef).and(ORG_ID.eq(orgId));
  }

  /** The stored event {@code id} as a one-row table (none when it is not stored), for an insert to select from. */
  public static TableLike<?> stored(String id, String alias) {
    return DSL.selectOne().from(EVENT).where(ID.eq(id)).asTable(alias);
  }
}
