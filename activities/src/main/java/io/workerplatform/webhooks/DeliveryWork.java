package io.workerplatform.webhooks;

import static io.workerplatform.db.Tables.WEBHOOK_ATTEMPTS;
import static io.workerplatform.db.Tables.WEBHOOK_DELIVERIES;
import static io.workerplatform.work.WorkKind.instant;

import io.workerplatform.events.EventColumns;
import io.workerplatform.work.MinuteCounts;
import io.workerplatform.work.Phases;
import io.workerplatform.work.WorkKind;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.HashMap;
import org.jooq.DSLContext;
import org.jooq.DatePart;
import org.jooq.Field;
import org.jooq.impl.DSL;

/**
 * Webhook deliveries as work (the list at {@code webhook-deliveries}, the stats'
 * {@code webhookDeliveries}) and the attempts per minute of the console's chart.
 */
public final class DeliveryWork {
  /** The chart's series: attempts, and those delivered. */
  public static final String ATTEMPTS = "webhook-attempts";
  public static final String DELIVERED = "webhook-attempts-delivered";

  private DeliveryWork() {}

  public record Delivery(
      String id, String eventId, String subscriptionId, String status, int attempts, Instant nextAttemptAt,
      String lastError, Instant createdAt, Instant updatedAt, String workflowId) {}

  public static final WorkKind<Delivery> KIND =
      new WorkKind<>(
          "webhookDeliveries",
          "webhook-deliveries",
          "Webhook deliveries",
          20,
          WEBHOOK_DELIVERIES,
          WEBHOOK_DELIVERIES.ID,
          WEBHOOK_DELIVERIES.ORG_ID,
          WEBHOOK_DELIVERIES.STATUS,
          WEBHOOK_DELIVERIES.CREATED_AT,
          List.of(
              WebhookDeliveryWorkflow.PENDING, WebhookDeliveryWorkflow.SENDING, WebhookDeliveryWorkflow.WAITING,
              WebhookDeliveryWorkflow.DELIVERED, WebhookDeliveryWorkflow.FAILED, WebhookDeliveryWorkflow.DISABLED,
              WebhookDeliveryWorkflow.CANCELLED),
          // the event's id as its organization knows it
          from ->
              from.join(EventColumns.TABLE)
                  .on(EventColumns.of(WEBHOOK_DELIVERIES.EVENT_ID, WEBHOOK_DELIVERIES.ORG_ID)),
          r ->
              new Delivery(
                  r.get(WEBHOOK_DELIVERIES.ID),
                  r.get(EventColumns.EVENT_ID),
                  r.get(WEBHOOK_DELIVERIES.SUBSCRIPTION_ID),
                  r.get(WEBHOOK_DELIVERIES.STATUS),
                  r.get(WEBHOOK_DELIVERIES.ATTEMPTS),
                  instant(r.get(WEBHOOK_DELIVERIES.NEXT_ATTEMPT_AT)),
                  r.get(WEBHOOK_DELIVERIES.LAST_ERROR),
                  instant(r.get(WEBHOOK_DELIVERIES.CREATED_AT)),
                  instant(r.get(WEBHOOK_DELIVERIES.UPDATED_AT)),
                  WebhookDeliveryWorkflow.workflowId(r.get(WEBHOOK_DELIVERIES.ID))),
          // a delivery waiting for its next attempt is waiting work; one its subscription's disabling ended failed
          new Phases(
              WEBHOOK_DELIVERIES.UPDATED_AT,
              List.of(WebhookDeliveryWorkflow.PENDING, WebhookDeliveryWorkflow.WAITING),
              List.of(WebhookDeliveryWorkflow.SENDING), List.of(WebhookDeliveryWorkflow.DELIVERED),
              List.of(WebhookDeliveryWorkflow.FAILED, WebhookDeliveryWorkflow.DISABLED)));

  /** Attempts per minute, all of them and those delivered, in one query: the chart's two series. */
  public static final MinuteCounts ATTEMPTS_PER_MINUTE = new MinuteCounts() {
    @Override
    public List<String> series() {
      return List.of(ATTEMPTS, DELIVERED);
    }

    @Override
    public Map<String, Map<Instant, Long>> perMinute(DSLContext dsl, String orgIdOrAll, OffsetDateTime start) {
      Field<OffsetDateTime> minute = DSL.trunc(WEBHOOK_ATTEMPTS.STARTED_AT, DatePart.MINUTE);
      Map<Instant, Long> all = new HashMap<>();
      Map<Instant, Long> delivered = new HashMap<>();
      dsl.select(minute, DSL.count(), DSL.count().filterWhere(WEBHOOK_ATTEMPTS.OUTCOME.eq("DELIVERED")))
          .from(WEBHOOK_ATTEMPTS)
          .where(WEBHOOK_ATTEMPTS.STARTED_AT.ge(start))
          .and(orgIdOrAll == null ? DSL.noCondition() : WEBHOOK_ATTEMPTS.ORG_ID.eq(orgIdOrAll))
          .groupBy(minute)
          .forEach(r -> {
            all.put(r.value1().toInstant(), r.value2().longValue());
            delivered.put(r.value1().toInstant(), r.value3().longValue());
          });
      return Map.of(ATTEMPTS, all, DELIVERED, delivered);
    }
  };
}
