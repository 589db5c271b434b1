package io.workerplatform.webhooks;

import static io.workerplatform.db.Tables.WEBHOOK_ATTEMPTS;
import static io.workerplatform.db.Tables.WEBHOOK_DELIVERIES;
import static io.workerplatform.db.Tables.WEBHOOK_SUBSCRIPTIONS;

import io.workerplatform.events.EventColumns;
import io.workerplatform.common.SecretBox;
import io.workerplatform.db.tables.records.WebhookDeliveriesRecord;
import io.workerplatform.outbox.OutboxTable;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.jooq.CommonTableExpression;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record2;
import org.jooq.impl.DSL;
import tools.jackson.databind.json.JsonMapper;

/** Webhook deliveries and their attempts (subscriptions: {@link SubscriptionStore}). */
public class WebhookStore {
  /**
   * Deliveries as the outbox sees them: their workflows start from their event's processing or a
   * redelivery, which note it with {@code Outbox.markStarted}; no relay source is needed, since
   * an event's own restart starts its deliveries again.
   */
  public static final OutboxTable OUTBOX = OutboxTable.of(
      WEBHOOK_DELIVERIES, WEBHOOK_DELIVERIES.ID, WEBHOOK_DELIVERIES.ORG_ID, WEBHOOK_DELIVERIES.CREATED_AT,
      WEBHOOK_DELIVERIES.WORKFLOW_STARTED_AT);

  private final DSLContext dsl;
  private final Clock clock;
  private final AttemptTargets targets;

  public WebhookStore(DSLContext dsl, Clock clock, SecretBox secrets, JsonMapper json) {
    this.dsl = dsl;
    this.clock = clock;
    this.targets = new AttemptTargets(dsl, secrets, json, clock);
  }

  public Optional<DeliveryView> findDelivery(String deliveryId) {
    return findDelivery(WEBHOOK_DELIVERIES.ID.eq(deliveryId));
  }

  /** The delivery, if it belongs to organization {@code orgId}. */
  public Optional<DeliveryView> findDelivery(String orgId, String deliveryId) {
    return findDelivery(WEBHOOK_DELIVERIES.ID.eq(deliveryId).and(WEBHOOK_DELIVERIES.ORG_ID.eq(orgId)));
  }

  private Optional<DeliveryView> findDelivery(Condition condition) {
    return dsl.select(WEBHOOK_DELIVERIES.asterisk(), EventColumns.ORG_ID, EventColumns.EVENT_ID)
        .from(WEBHOOK_DELIVERIES)
        .join(EventColumns.TABLE)
        .on(EventColumns.of(WEBHOOK_DELIVERIES.EVENT_ID, WEBHOOK_DELIVERIES.ORG_ID))
        .where(condition)
        .fetchOptional()
        .map(
            r -> {
              WebhookDeliveriesRecord d = r.into(WEBHOOK_DELIVERIES);
              List<DeliveryView.Attempt> attempts =
                  dsl.selectFrom(WEBHOOK_ATTEMPTS)
                      .where(WEBHOOK_ATTEMPTS.DELIVERY_ID.eq(d.getId()))
                      .and(WEBHOOK_ATTEMPTS.ORG_ID.eq(d.getOrgId()))
                      .orderBy(WEBHOOK_ATTEMPTS.NUMBER)
                      .fetch(
                          a ->
                              new DeliveryView.Attempt(
                                  a.getNumber(),
                                  a.getStatusCode(),
                                  a.getError(),
                                  a.getStartedAt().toInstant(),
                                  a.getDurationMs()));
              return new DeliveryView(
                  d.getId(),
                  r.get(EventColumns.ORG_ID),
                  r.get(EventColumns.EVENT_ID),
                  d.getSubscriptionId(),
                  d.getStatus(),
                  d.getNextAttemptAt() == null ? null : d.getNextAttemptAt().toInstant(),
                  d.getLastError(),
                  attempts);
            });
  }

  /** What an attempt needs (see {@link AttemptTargets#load}). */
  Optional<AttemptTarget> loadTarget(String deliveryId, String attemptKey) {
    return targets.load(deliveryId, attemptKey);
  }

  /** The targets of an event's deliveries (see {@link AttemptTargets#loadAll}). */
  List<AttemptTarget> loadTargets(String orgId, String eventId, String attemptKeyPrefix) {
    return targets.loadAll(orgId, eventId, attemptKeyPrefix);
  }

  /**
   * The delivery ends CANCELLED (its subscription was deleted), unless it ended already. Returns
   * the delivery's organization when this call ended it (so does each method that ends one).
   */
  Optional<String> markCancelled(String deliveryId) {
    return end(deliveryId, WebhookDeliveryWorkflow.CANCELLED, "subscription deleted",
        WEBHOOK_DELIVERIES.STATUS.in(SubscriptionStore.OPEN));
  }

  /** The statuses a delivery ends in. */
  static final List<String> FINAL =
      List.of(
          WebhookDeliveryWorkflow.DELIVERED, WebhookDeliveryWorkflow.FAILED, WebhookDeliveryWorkflow.DISABLED,
          WebhookDeliveryWorkflow.CANCELLED);

  /** Ends a delivery that is still open with a final state its workflow decided. */
  Optional<String> recordFinal(String deliveryId, String status, String reason) {
    return end(deliveryId, status, reason, WEBHOOK_DELIVERIES.STATUS.in(SubscriptionStore.OPEN));
  }

  Optional<String> markSubscriptionDisabled(String deliveryId) {
    return end(deliveryId, WebhookDeliveryWorkflow.DISABLED, "subscription disabled", DSL.noCondition());
  }

  /** Ends the delivery without an attempt: nothing more is scheduled. */
  private Optional<String> end(String deliveryId, String status, String reason, Condition only) {
    return dsl.update(WEBHOOK_DELIVERIES)
        .set(WEBHOOK_DELIVERIES.STATUS, status)
        .set(WEBHOOK_DELIVERIES.NEXT_ATTEMPT_AT, (OffsetDateTime) null)
        .set(WEBHOOK_DELIVERIES.LAST_ERROR, reason)
        .set(WEBHOOK_DELIVERIES.UPDATED_AT, now())
        .where(WEBHOOK_DELIVERIES.ID.eq(deliveryId))
        .and(only)
        .returningResult(WEBHOOK_DELIVERIES.ORG_ID)
        .fetchOptional(WEBHOOK_DELIVERIES.ORG_ID);
  }

  /**
   * Records one attempt and the delivery's new state in one statement, and returns the attempt's
   * number. Only when the subscription's health changes (a failure, or the first success after
   * failures) is there a second statement, in one transaction with the first: a healthy
   * subscription costs no write per delivery.
   */
  int recordAttempt(
      AttemptTarget target,
      String attemptKey,
      SendResult sent,
      AttemptOutcome.Result result,
      long retryInSeconds,
      int disableAfterConsecutiveFailures) {
    OffsetDateTime now = now();
    boolean healthUnchanged =
        result == AttemptOutcome.Result.SUBSCRIPTION_DISABLED
            || (result == AttemptOutcome.Result.DELIVERED && target.consecutiveFailures() == 0);
    if (healthUnchanged) {
      return insertAttempt(dsl, target, attemptKey, sent, result, retryInSeconds, now);
    }
    return dsl.transactionResult(
        tx -> {
          DSLContext t = tx.dsl();
          int number = insertAttempt(t, target, attemptKey, sent, result, retryInSeconds, now);
          updateSubscriptionHealth(
              t, target.subscriptionId(), result, sent, disableAfterConsecutiveFailures, now);
          return number;
        });
  }

  /** Counts the attempt on the delivery and inserts its row with the number it got. */
  private int insertAttempt(
      DSLContext t,
      AttemptTarget target,
      String attemptKey,
      SendResult sent,
      AttemptOutcome.Result result,
      long retryInSeconds,
      OffsetDateTime now) {
    String status = deliveryStatus(result, retryInSeconds);
    OffsetDateTime nextAttemptAt = WebhookDeliveryWorkflow.WAITING.equals(status) ? now.plusSeconds(retryInSeconds) : null;
    Field<String> deliveryId = DSL.val(target.deliveryId());
    Field<String> error = DSL.val(sent.error(), String.class);
    // Its own column name: one qualified by the expression would get the schema in front of it.
    Field<Integer> number = DSL.field(DSL.name("attempt_number"), Integer.class);
    Field<String> orgId = DSL.field(DSL.name("attempt_org_id"), String.class);
    CommonTableExpression<Record2<Integer, String>> counted =
        DSL.name("counted_delivery")
            .as(
                DSL.update(WEBHOOK_DELIVERIES)
                    .set(WEBHOOK_DELIVERIES.ATTEMPTS, WEBHOOK_DELIVERIES.ATTEMPTS.plus(1))
                    .set(WEBHOOK_DELIVERIES.STATUS, status)
                    .set(WEBHOOK_DELIVERIES.NEXT_ATTEMPT_AT, nextAttemptAt)
                    .set(WEBHOOK_DELIVERIES.LAST_ERROR, error)
                    .set(WEBHOOK_DELIVERIES.UPDATED_AT, now)
                    // An attempt ran, so its workflow exists: the relay need not start it.
                    .set(
                        WEBHOOK_DELIVERIES.WORKFLOW_STARTED_AT,
                        DSL.coalesce(WEBHOOK_DELIVERIES.WORKFLOW_STARTED_AT, now))
                    .where(WEBHOOK_DELIVERIES.ID.eq(deliveryId))
                    .returningResult(WEBHOOK_DELIVERIES.ATTEMPTS.as(number), WEBHOOK_DELIVERIES.ORG_ID.as(orgId)));
    return t.with(counted)
        .insertInto(
            WEBHOOK_ATTEMPTS,
            WEBHOOK_ATTEMPTS.DELIVERY_ID,
            WEBHOOK_ATTEMPTS.ORG_ID,
            WEBHOOK_ATTEMPTS.NUMBER,
            WEBHOOK_ATTEMPTS.ATTEMPT_KEY,
            WEBHOOK_ATTEMPTS.OUTCOME,
            WEBHOOK_ATTEMPTS.STARTED_AT,
            WEBHOOK_ATTEMPTS.DURATION_MS,
            WEBHOOK_ATTEMPTS.STATUS_CODE,
            WEBHOOK_ATTEMPTS.ERROR,
            WEBHOOK_ATTEMPTS.RESPONSE_EXCERPT)
        .select(
            DSL.select(
                    deliveryId,
                    orgId,
                    number,
                    DSL.val(attemptKey),
                    DSL.val(result.name()),
                    DSL.val(sent.startedAt().atOffset(ZoneOffset.UTC)),
                    DSL.val((int) sent.durationMs()),
                    DSL.val(sent.statusCode(), Integer.class),
                    error,
                    DSL.val(sent.responseExcerpt(), String.class))
                .from(counted))
        .returningResult(WEBHOOK_ATTEMPTS.NUMBER)
        .fetchSingle(WEBHOOK_ATTEMPTS.NUMBER);
  }

  static String deliveryStatus(AttemptOutcome.Result result, long retryInSeconds) {
    return switch (result) {
      case DELIVERED -> WebhookDeliveryWorkflow.DELIVERED;
      case GONE, SUBSCRIPTION_DISABLED -> WebhookDeliveryWorkflow.DISABLED;
      case REFUSED -> WebhookDeliveryWorkflow.FAILED;
      case CANCELLED -> WebhookDeliveryWorkflow.CANCELLED;
      case FAILED ->
          retryInSeconds > 0 ? WebhookDeliveryWorkflow.WAITING : WebhookDeliveryWorkflow.FAILED;
    };
  }

  private static void updateSubscriptionHealth(
      DSLContext t,
      String subscriptionId,
      AttemptOutcome.Result result,
      SendResult sent,
      int disableAfterConsecutiveFailures,
      OffsetDateTime now) {
    var subscription = WEBHOOK_SUBSCRIPTIONS;
    switch (result) {
      case DELIVERED ->
          t.update(subscription)
              .set(subscription.CONSECUTIVE_FAILURES, 0)
              .where(subscription.ID.eq(subscriptionId))
              .execute();
      case GONE -> disable(t, subscriptionId, "endpoint answered 410 Gone", now);
      case FAILED, REFUSED -> {
        int failures =
            t.update(subscription)
                .set(subscription.CONSECUTIVE_FAILURES, subscription.CONSECUTIVE_FAILURES.plus(1))
                .where(subscription.ID.eq(subscriptionId))
                .returning(subscription.CONSECUTIVE_FAILURES)
                .fetchSingle()
                .getConsecutiveFailures();
        if (failures >= disableAfterConsecutiveFailures) {
          disable(t, subscriptionId, failures + " consecutive failed attempts: " + sent.error(), now);
        }
      }
      case SUBSCRIPTION_DISABLED, CANCELLED -> {}
    }
  }

  private static void disable(DSLContext t, String subscriptionId, String reason, OffsetDateTime now) {
    t.update(WEBHOOK_SUBSCRIPTIONS)
        .set(WEBHOOK_SUBSCRIPTIONS.ENABLED, false)
        .set(WEBHOOK_SUBSCRIPTIONS.DISABLED_REASON, reason)
        .set(WEBHOOK_SUBSCRIPTIONS.DISABLED_AT, now)
        .where(WEBHOOK_SUBSCRIPTIONS.ID.eq(subscriptionId))
        .and(WEBHOOK_SUBSCRIPTIONS.ENABLED.isTrue())
        .execute();
  }



  private OffsetDateTime now() {
    return OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
  }

}
