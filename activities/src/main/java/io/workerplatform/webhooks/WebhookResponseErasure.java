package io.workerplatform.webhooks;

import static io.workerplatform.db.Tables.WEBHOOK_ATTEMPTS;
import static io.workerplatform.db.Tables.WEBHOOK_DELIVERIES;

import io.workerplatform.common.IdSet;
import io.workerplatform.common.RenderedQuery;
import io.workerplatform.events.ErasedEvents;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/** The receivers' answers to an event's deliveries go when the event's payload does. */
public final class WebhookResponseErasure implements ErasedEvents {
  private final RenderedQuery clear;

  public WebhookResponseErasure(DSLContext dsl) {
    this.clear = RenderedQuery.of(dsl, DSL.update(WEBHOOK_ATTEMPTS)
        .set(WEBHOOK_ATTEMPTS.RESPONSE_EXCERPT, (String) null)
        .where(WEBHOOK_ATTEMPTS.DELIVERY_ID.in(
            DSL.select(WEBHOOK_DELIVERIES.ID).from(WEBHOOK_DELIVERIES).where(IdSet.in(WEBHOOK_DELIVERIES.EVENT_ID, "ids"))))
        .and(WEBHOOK_ATTEMPTS.RESPONSE_EXCERPT.isNotNull()));
  }

  @Override
  public void erased(DSLContext t, String[] eventIds) {
    clear.bind().set("ids", eventIds).execute(t);
  }
}
