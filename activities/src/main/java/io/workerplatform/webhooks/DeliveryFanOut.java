package io.workerplatform.webhooks;

import static io.workerplatform.db.Tables.WEBHOOK_DELIVERIES;
import static io.workerplatform.db.Tables.WEBHOOK_SUBSCRIPTIONS;
import static io.workerplatform.db.Tables.WEBHOOK_SUBSCRIPTION_EVENT_TYPES;

import io.workerplatform.events.EventFanOut;
import java.time.OffsetDateTime;
import java.util.List;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.InsertResultStep;
import org.jooq.Record;
import org.jooq.Record1;
import org.jooq.TableLike;
import org.jooq.impl.DSL;

/**
 * An event's fan-out: one delivery per enabled subscription of its organization whose event types
 * include the event's type, each with a new id. An event published for now fans out as it is
 * stored (the publish answers with the delivery ids); a delayed one when it is processed.
 */
public final class DeliveryFanOut implements EventFanOut {
  /** The webhook capability's reaction to an event stored for now (registered as a bean). */
  @Override
  public InsertResultStep<Record1<String>> insert(
      TableLike<? extends Record> events, Field<String> eventId, Field<String> orgId, Field<String> type,
      Field<OffsetDateTime> now, String idAs) {
    return deliveries(events, eventId, orgId, type, now, idAs);
  }

  @Override
  public List<String> created(DSLContext dsl, String orgId, String eventId) {
    return dsl.select(WEBHOOK_DELIVERIES.ID)
        .from(WEBHOOK_DELIVERIES)
        .where(WEBHOOK_DELIVERIES.EVENT_ID.eq(eventId))
        .and(WEBHOOK_DELIVERIES.ORG_ID.eq(orgId))
        .orderBy(WEBHOOK_DELIVERIES.ID)
        .fetch(WEBHOOK_DELIVERIES.ID);
  }

  /**
   * The insert of an event's deliveries, for each row of {@code events} (whose column {@code
   * eventId} is the event's platform id); returns the new delivery ids as {@code deliveryIdAs}.
   * A (event, subscription) pair that has its delivery already gets no second one.
   */
  static InsertResultStep<Record1<String>> deliveries(
      TableLike<? extends Record> events,
      Field<String> eventId,
      Field<String> orgId,
      Field<String> type,
      Field<OffsetDateTime> now,
      String deliveryIdAs) {
    return DSL.insertInto(
            WEBHOOK_DELIVERIES,
            WEBHOOK_DELIVERIES.ID,
            WEBHOOK_DELIVERIES.ORG_ID,
            WEBHOOK_DELIVERIES.EVENT_ID,
            WEBHOOK_DELIVERIES.SUBSCRIPTION_ID,
            WEBHOOK_DELIVERIES.STATUS,
            WEBHOOK_DELIVERIES.CREATED_AT,
            WEBHOOK_DELIVERIES.UPDATED_AT)
        .select(
        DSL.select(
                DSL.concat(
                    DSL.inline("dlv_"),
                    DSL.replace(DSL.uuid().cast(String.class), DSL.inline("-"), DSL.inline(""))),
                orgId,
                eventId,
                WEBHOOK_SUBSCRIPTIONS.ID,
                DSL.inline(WebhookDeliveryWorkflow.PENDING),
                now,
                now)
            .from(events)
            .crossJoin(WEBHOOK_SUBSCRIPTIONS)
            .join(WEBHOOK_SUBSCRIPTION_EVENT_TYPES)
            .on(WEBHOOK_SUBSCRIPTION_EVENT_TYPES.SUBSCRIPTION_ID.eq(WEBHOOK_SUBSCRIPTIONS.ID))
            .and(WEBHOOK_SUBSCRIPTION_EVENT_TYPES.ORG_ID.eq(orgId))
            .where(WEBHOOK_SUBSCRIPTIONS.ORG_ID.eq(orgId))
            .and(WEBHOOK_SUBSCRIPTIONS.ENABLED.isTrue())
            .and(WEBHOOK_SUBSCRIPTIONS.DELETED_AT.isNull())
            .and(WEBHOOK_SUBSCRIPTION_EVENT_TYPES.EVENT_TYPE.eq(type)))
        .onConflict(WEBHOOK_DELIVERIES.EVENT_ID, WEBHOOK_DELIVERIES.SUBSCRIPTION_ID)
        .doNothing()
        .returningResult(WEBHOOK_DELIVERIES.ID.as(deliveryIdAs));
  }

}
