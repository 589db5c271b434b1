package io.workerplatform.webhook;

import static io.workerplatform.db.Tables.DOMAIN_EVENTS;
import static io.workerplatform.db.Tables.WEBHOOK_ATTEMPTS;
import static io.workerplatform.db.Tables.WEBHOOK_DELIVERIES;

import io.workerplatform.events.EventHandler;
import io.workerplatform.events.HandledEvent;
import io.workerplatform.events.HandlerRetry;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.impl.DSL;

/**
 * The webhooks handler: the event's deliveries (fanned out at publish, or now for a delayed
 * event) each get their first attempt right here, inside the event's workflow task; only a
 * delivery that needs a retry gets a workflow of its own ({@code webhook-delivery/<id>}, which
 * begins with the wait before attempt 2). A delivery that succeeds at once thus costs no workflow
 * beyond its event's.
 *
 * <p>Idempotent: the first attempt's key is derived from the event's workflow and the delivery,
 * so a retried handler finds the attempt it made and only (re)starts the retry workflow, which
 * Temporal starts once per id.
 */
public class WebhookEventHandler implements EventHandler {
  /** Starts delivery workflows: the host's, through the starters' facade. */
  public interface DeliveryWorkflows {
    /** Starts the delivery's workflow after {@code attemptsMade} attempts; a second start finds it. */
    void start(String orgId, String eventId, String deliveryId, int attemptsMade);

    /** The wait before attempt 2 (null: the delivery has a single attempt). */
    Duration firstRetryDelay();
  }

  /** Deliveries of one event attempted in its workflow task; more get workflows of their own at once. */
  static final int MAX_INLINE_ATTEMPTS = 8;

  private final DSLContext dsl;
  private final Clock clock;
  private final WebhookActivitiesImpl attempts;
  private final DeliveryWorkflows workflows;

  public WebhookEventHandler(
      DSLContext dsl, Clock clock, WebhookActivitiesImpl attempts, DeliveryWorkflows workflows) {
    this.dsl = dsl;
    this.clock = clock;
    this.attempts = attempts;
    this.workflows = workflows;
  }

  @Override
  public String name() {
    return "webhooks";
  }

  private record Delivery(String id, String status, int attempts, String myOutcome) {}

  /**
   * Up to {@link #MAX_INLINE_ATTEMPTS} requests of at most the sender's timeout each; a failing
   * run (the database, Temporal unreachable for a retry's start) tries again soon.
   */
  @Override
  public HandlerRetry retry() {
    return new HandlerRetry(Duration.ofMinutes(3), Duration.ofSeconds(1), Duration.ofMinutes(1), 30);
  }

  @Override
  public void handle(HandledEvent event) {
    if (!event.fannedOut()) {
      fanOut(event);
    }
    String keyPrefix = event.workflowId() + "/first/";
    Duration firstRetry = workflows.firstRetryDelay();
    long retryInSeconds = firstRetry == null ? 0 : firstRetry.toSeconds();
    int inline = 0;
    for (Delivery d : deliveries(event, keyPrefix)) {
      AttemptOutcome.Result result;
      if (d.myOutcome() != null) {
        result = AttemptOutcome.Result.valueOf(d.myOutcome()); // this handler attempted it before a retry
      } else if (WebhookDeliveryWorkflow.PENDING.equals(d.status()) && d.attempts() == 0) {
        if (inline++ >= MAX_INLINE_ATTEMPTS) {
          workflows.start(event.orgId(), event.eventId(), d.id(), 0);
          continue;
        }
        result = attempts.attempt(d.id(), keyPrefix + d.id(), retryInSeconds).result();
      } else {
        continue; // attempted by its own workflow already (redelivered before its event ran)
      }
      if (result == AttemptOutcome.Result.FAILED && retryInSeconds > 0) {
        workflows.start(event.orgId(), event.eventId(), d.id(), 1);
      }
    }
  }

  private List<Delivery> deliveries(HandledEvent event, String keyPrefix) {
    return dsl.select(
            WEBHOOK_DELIVERIES.ID, WEBHOOK_DELIVERIES.STATUS, WEBHOOK_DELIVERIES.ATTEMPTS, WEBHOOK_ATTEMPTS.OUTCOME)
        .from(WEBHOOK_DELIVERIES)
        .leftJoin(WEBHOOK_ATTEMPTS)
        .on(WEBHOOK_ATTEMPTS.ATTEMPT_KEY.eq(DSL.concat(DSL.val(keyPrefix), WEBHOOK_DELIVERIES.ID)))
        .and(WEBHOOK_ATTEMPTS.ORG_ID.eq(WEBHOOK_DELIVERIES.ORG_ID))
        .and(WEBHOOK_ATTEMPTS.DELIVERY_ID.eq(WEBHOOK_DELIVERIES.ID))
        .where(WEBHOOK_DELIVERIES.EVENT_ID.eq(event.id()))
        .and(WEBHOOK_DELIVERIES.ORG_ID.eq(event.orgId()))
        .orderBy(WEBHOOK_DELIVERIES.ID)
        .fetch(r -> new Delivery(r.value1(), r.value2(), r.value3(), r.value4()));
  }

  /**
   * An event stored without its deliveries (delayed, or from an API's outbox) fans out when it is
   * processed: to the subscriptions there are then.
   */
  private void fanOut(HandledEvent event) {
    Field<String> eventId = DSL.val(event.id());
    dsl.execute(
        DeliveryFanOut.insert(
            DSL.selectOne().from(DOMAIN_EVENTS).where(DOMAIN_EVENTS.ID.eq(event.id())).asTable("processed_event"),
            eventId,
            DSL.val(event.orgId()),
            DSL.val(event.type()),
            DSL.val(OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC)),
            "new_delivery_id"));
  }
}
