package io.workerplatform.webhooks;

import static io.workerplatform.db.Tables.WEBHOOK_DELIVERIES;

import io.workerplatform.events.EventColumns;
import io.workerplatform.reporting.ReportSource;
import java.io.IOException;
import java.time.OffsetDateTime;
import java.util.List;
import org.jooq.DSLContext;

/** Report kind {@code deliveries}: the webhook deliveries created in the period, one row each. */
public final class DeliveryReport implements ReportSource {
  @Override
  public String kind() {
    return "deliveries";
  }

  @Override
  public List<String> columns() {
    return List.of("deliveryId", "eventId", "subscriptionId", "status", "attempts", "lastError", "createdAt", "updatedAt");
  }

  @Override
  public void rows(DSLContext dsl, String orgId, OffsetDateTime from, OffsetDateTime until, Rows rows) throws IOException {
    ReportSource.stream(dsl.select(
                WEBHOOK_DELIVERIES.ID, EventColumns.EVENT_ID, WEBHOOK_DELIVERIES.SUBSCRIPTION_ID,
                WEBHOOK_DELIVERIES.STATUS, WEBHOOK_DELIVERIES.ATTEMPTS, WEBHOOK_DELIVERIES.LAST_ERROR,
                WEBHOOK_DELIVERIES.CREATED_AT, WEBHOOK_DELIVERIES.UPDATED_AT)
            .from(WEBHOOK_DELIVERIES)
            .join(EventColumns.TABLE).on(EventColumns.of(WEBHOOK_DELIVERIES.EVENT_ID, WEBHOOK_DELIVERIES.ORG_ID))
            .where(WEBHOOK_DELIVERIES.ORG_ID.eq(orgId))
            .and(WEBHOOK_DELIVERIES.CREATED_AT.ge(from)).and(WEBHOOK_DELIVERIES.CREATED_AT.lt(until))
            .orderBy(WEBHOOK_DELIVERIES.CREATED_AT, WEBHOOK_DELIVERIES.ID),
        rows);
  }
}
