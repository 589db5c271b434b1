package io.workerplatform.webhooks;

import static io.workerplatform.db.Tables.WEBHOOK_ATTEMPTS;
import static io.workerplatform.db.Tables.WEBHOOK_DELIVERIES;

import io.workerplatform.common.RenderedQuery;
import io.workerplatform.retention.RetentionCategory;
import io.workerplatform.retention.RetentionSql;
import io.workerplatform.retention.RetentionStep;
import java.util.List;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.impl.DSL;

/**
 * Retention category {@code webhook-deliveries}: deliveries that ended ({@code DELIVERED}, {@code
 * FAILED}, {@code DISABLED}, {@code CANCELLED}) and last changed more than the organization's
 * period ago (by default {@value #DEFAULT_DAYS} days) are deleted with their attempts, in one
 * statement. One pending, sending or waiting for its next attempt never. What ends with them: the
 * delivery can no longer be read or redelivered, and its event, whose deliveries are gone, can be
 * deleted by its own category.
 */
public final class DeliveryRetention implements RetentionCategory {
  public static final String CATEGORY = "webhook-deliveries";
  public static final int DEFAULT_DAYS = 30;
  static final List<String> ENDED = List.of(
      WebhookDeliveryWorkflow.DELIVERED, WebhookDeliveryWorkflow.FAILED, WebhookDeliveryWorkflow.DISABLED,
      WebhookDeliveryWorkflow.CANCELLED);

  private final RenderedQuery delete;

  public DeliveryRetention(DSLContext dsl) {
    this.delete = RetentionSql.deleteWithChildren(dsl,
        DSL.select(WEBHOOK_DELIVERIES.ID)
            .from(RetentionSql.withRetention(WEBHOOK_DELIVERIES, WEBHOOK_DELIVERIES.ORG_ID, CATEGORY))
            .where(WEBHOOK_DELIVERIES.STATUS.in(ENDED.stream().map(DSL::inline).toList()))
            .and(RetentionSql.pastRetention(WEBHOOK_DELIVERIES.UPDATED_AT))
            .and(RetentionSql.share(WEBHOOK_DELIVERIES.ORG_ID))
            .limit(RetentionSql.LIMIT),
        WEBHOOK_DELIVERIES, WEBHOOK_DELIVERIES.ID, WEBHOOK_DELIVERIES.ORG_ID, WEBHOOK_ATTEMPTS, WEBHOOK_ATTEMPTS.DELIVERY_ID);
  }

  /** Whether a delivery names the event {@code eventId}: an event is kept while one does. */
  public static Condition namesEvent(Field<String> eventId) {
    return DSL.exists(DSL.selectOne().from(WEBHOOK_DELIVERIES).where(WEBHOOK_DELIVERIES.EVENT_ID.eq(eventId)));
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
    return List.of(new RetentionStep(CATEGORY, "webhook-delivery", 65,
        (t, scan) -> scan.bind(delete).fetch(t).getValues(WEBHOOK_DELIVERIES.ORG_ID)));
  }
}
