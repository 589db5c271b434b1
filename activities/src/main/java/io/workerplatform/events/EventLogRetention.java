package io.workerplatform.events;

import static io.workerplatform.db.Tables.DOMAIN_EVENTS;
import static io.workerplatform.db.Tables.EVENT_HANDLER_RUNS;

import io.workerplatform.common.RenderedQuery;
import io.workerplatform.retention.RetentionCategory;
import io.workerplatform.retention.RetentionSql;
import io.workerplatform.retention.RetentionStep;
import java.util.List;
import java.util.function.Function;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.impl.DSL;

/**
 * Retention category {@code domain-events}: events that ended ({@code PROCESSED}, {@code
 * CANCELLED}, {@code FAILED}) more than the organization's period ago (by default {@value
 * #DEFAULT_DAYS} days) are deleted with their handlers' rows, once nothing else names them: no
 * webhook delivery (those go by their own category first) and no handler being retried. One
 * scheduled or processing never. What ends with them: their id can be published again as a new
 * event, {@code GET .../events/{id}} answers 404, and their failed handlers can no longer be
 * retried.
 */
public final class EventLogRetention implements RetentionCategory {
  public static final String CATEGORY = "domain-events";
  public static final int DEFAULT_DAYS = 30;
  static final List<String> ENDED =
      List.of(DomainEventWorkflow.PROCESSED, DomainEventWorkflow.CANCELLED, DomainEventWorkflow.FAILED);

  private final RenderedQuery delete;

  /** @param stillNamed whether another capability still names the event (its webhook deliveries) */
  public EventLogRetention(DSLContext dsl, Function<Field<String>, Condition> stillNamed) {
    this.delete = RetentionSql.deleteWithChildren(dsl,
        DSL.select(DOMAIN_EVENTS.ID)
            .from(RetentionSql.withRetention(DOMAIN_EVENTS, DOMAIN_EVENTS.ORG_ID, CATEGORY))
            .where(DOMAIN_EVENTS.STATUS.in(ENDED.stream().map(DSL::inline).toList()))
            .and(RetentionSql.pastRetention(DOMAIN_EVENTS.PROCESSED_AT))
            .and(DSL.not(stillNamed.apply(DOMAIN_EVENTS.ID)))
            .and(DSL.notExists(DSL.selectOne().from(EVENT_HANDLER_RUNS)
                .where(EVENT_HANDLER_RUNS.EVENT_ID.eq(DOMAIN_EVENTS.ID))
                .and(EVENT_HANDLER_RUNS.STATUS.eq(DSL.inline(DomainEventWorkflow.RETRYING)))))
            .and(RetentionSql.share(DOMAIN_EVENTS.ORG_ID))
            .limit(RetentionSql.LIMIT),
        DOMAIN_EVENTS, DOMAIN_EVENTS.ID, DOMAIN_EVENTS.ORG_ID, EVENT_HANDLER_RUNS, EVENT_HANDLER_RUNS.EVENT_ID);
  }

  @Override
  public String name() {
    return CATEGORY;
  }

  @Override
  public int defaultDays() {
    return DEFAULT_DAYS;
  }

  @Override
  public List<RetentionStep> steps() {
    // after the webhook deliveries (65) that name the events, before the payloads' anonymization
    // (70), which then has no event about to go to overwrite
    return List.of(new RetentionStep(CATEGORY, "domain-event", 68,
        (t, scan) -> scan.bind(delete).fetch(t).getValues(DOMAIN_EVENTS.ORG_ID)));
  }
}
