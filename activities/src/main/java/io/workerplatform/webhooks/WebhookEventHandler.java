package io.workerplatform.webhooks;


import io.workerplatform.events.EventColumns;
import io.workerplatform.events.EventHandler;
import io.workerplatform.events.HandledEvent;
import io.workerplatform.events.HandlerRetry;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/**
 * The webhooks handler: the event's deliveries (fanned out as it was stored, or now) each get
 * their first attempt right here, inside the event's workflow task; only a delivery that needs a
 * retry gets a workflow of its own ({@code webhook-delivery/<id>}, which begins with the wait
 * before attempt 2). A delivery that succeeds at once thus costs no workflow beyond its event's,
 * and two statements: its target (one query for all the event's deliveries) and its attempt.
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
  private final WebhookStore store;
  private final WebhookActivitiesImpl attempts;
  private final DeliveryWorkflows workflows;

  public WebhookEventHandler(
      DSLContext dsl, Clock clock, WebhookStore store, WebhookActivitiesImpl attempts, DeliveryWorkflows workflows) {
    this.dsl = dsl;
    this.clock = clock;
    this.store = store;
    this.attempts = attempts;
    this.workflows = workflows;
  }

  @Override
  public String name() {
    return "webhooks";
  }

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
    for (AttemptTarget target : store.loadTargets(event.orgId(), event.id(), keyPrefix)) {
      AttemptOutcome.Result result;
      if (target.earlier() != null) {
        result = target.earlier().result(); // this handler attempted it before a retry
      } else if (WebhookDeliveryWorkflow.PENDING.equals(target.status()) && target.attempts() == 0) {
        if (inline++ >= MAX_INLINE_ATTEMPTS) {
          workflows.start(event.orgId(), event.eventId(), target.deliveryId(), 0);
          continue;
        }
        result = attempts.attempt(target, keyPrefix + target.deliveryId(), retryInSeconds).result();
      } else {
        continue; // attempted by its own workflow already (redelivered before its event ran)
      }
      if (result == AttemptOutcome.Result.FAILED && retryInSeconds > 0) {
        workflows.start(event.orgId(), event.eventId(), target.deliveryId(), 1);
      }
    }
  }

  /**
   * An event stored without its deliveries (delayed, or from an API's outbox) fans out when it is
   * processed: to the subscriptions there are then.
   */
  private void fanOut(HandledEvent event) {
    dsl.execute(
        DeliveryFanOut.deliveries(
            EventColumns.stored(event.id(), "processed_event"),
            DSL.val(event.id()),
            DSL.val(event.orgId()),
            DSL.val(event.type()),
            DSL.val(OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC)),
            "new_delivery_id"));
  }
}
