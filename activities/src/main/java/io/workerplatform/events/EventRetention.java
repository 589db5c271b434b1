package io.workerplatform.events;

import static io.workerplatform.db.Tables.DOMAIN_EVENTS;

import io.workerplatform.common.IdSet;
import io.workerplatform.common.RenderedQuery;
import io.workerplatform.personaldata.Erased;
import io.workerplatform.retention.RetentionCategory;
import io.workerplatform.retention.RetentionSql;
import io.workerplatform.retention.RetentionStep;
import io.workerplatform.retention.Scan;
import java.util.List;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.Result;
import org.jooq.impl.DSL;

/**
 * Retention category {@code events}: domain events older than the retention for events lose their
 * payload (whatever the publisher put there), and every {@link ErasedEvents} what it keeps of them
 * (the receivers' answers to their webhook deliveries).
 */
public final class EventRetention implements RetentionCategory {
  public static final String CATEGORY = "events";

  private final List<ErasedEvents> followers;
  private final RenderedQuery due;
  private final RenderedQuery erase;

  public EventRetention(DSLContext dsl, List<? extends ErasedEvents> followers) {
    this.followers = List.copyOf(followers);
    this.due = RenderedQuery.of(dsl, DSL.select(DOMAIN_EVENTS.ID, DOMAIN_EVENTS.ORG_ID)
        .from(RetentionSql.withRetention(DOMAIN_EVENTS, DOMAIN_EVENTS.ORG_ID, CATEGORY))
        .where(DOMAIN_EVENTS.ID.gt(RetentionSql.AFTER))
        .and(RetentionSql.share(DOMAIN_EVENTS.ID))
        .and(DOMAIN_EVENTS.ANONYMIZED_AT.isNull())
        .and(RetentionSql.pastRetention(DOMAIN_EVENTS.CREATED_AT))
        .orderBy(DOMAIN_EVENTS.ID)
        .limit(RetentionSql.LIMIT)
        .forUpdate().of(DOMAIN_EVENTS).skipLocked());
    this.erase = RenderedQuery.of(dsl, DSL.update(DOMAIN_EVENTS)
        .set(DOMAIN_EVENTS.PAYLOAD, Erased.JSON)
        .set(DOMAIN_EVENTS.ANONYMIZED_AT, RetentionSql.NOW)
        .where(IdSet.in(DOMAIN_EVENTS.ID, "ids")));
  }

  @Override
  public String name() {
    return CATEGORY;
  }

  @Override
  public List<RetentionStep> steps() {
    return List.of(new RetentionStep("events", "domain-event", 70, this::events));
  }

  private List<String> events(DSLContext t, Scan scan) {
    Result<Record> rows = scan.bind(due).fetch(t);
    if (rows.isEmpty()) {
      return List.of();
    }
    scan.advanceTo(rows.get(rows.size() - 1).get(DOMAIN_EVENTS.ID));
    String[] ids = rows.getValues(DOMAIN_EVENTS.ID).toArray(String[]::new);
    for (ErasedEvents follower : followers) {
      follower.erased(t, ids);
    }
    erase.bind().set("ids", ids).set("now", scan.now()).execute(t);
    return rows.getValues(DOMAIN_EVENTS.ORG_ID);
  }
}
