package io.workerplatform.webhooks;

import static io.workerplatform.db.Tables.WEBHOOK_BULK_ACTIONS;
import static io.workerplatform.db.Tables.WEBHOOK_DELIVERIES;

import io.workerplatform.events.EventColumns;
import io.workerplatform.common.Ids;
import io.workerplatform.common.Organizations;
import io.workerplatform.db.tables.records.WebhookBulkActionsRecord;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/** Bulk actions on a subscription's deliveries: their rows, the deliveries they match, their progress. */
public class DeliveryBulkActionStore {
  public record Action(
      String id, String orgId, String subscriptionId, String kind, Instant since, Instant until, String status,
      long total, long applied, long skipped, Instant createdAt, Instant finishedAt, String workflowId) {}

  /** A matched delivery, with what steering it needs. */
  record Target(String deliveryId, String orgId, String eventId, String status) {}

  private final DSLContext dsl;
  private final Clock clock;

  public DeliveryBulkActionStore(DSLContext dsl, Clock clock) {
    this.dsl = dsl;
    this.clock = clock;
  }

  /** The status a delivery must be in for an action of this kind to apply to it. */
  static String matchingStatus(String kind) {
    return DeliveryBulkActionWorkflow.REDELIVER_FAILED.equals(kind)
        ? WebhookDeliveryWorkflow.FAILED
        : WebhookDeliveryWorkflow.WAITING;
  }

  /** Stores a new action with the number of deliveries that match now; returns its id. */
  public String create(String orgId, String subscriptionId, String kind, Instant since, Instant until) {
    String id = Ids.newId("wba");
    long total = dsl.fetchCount(WEBHOOK_DELIVERIES, matching(orgId, subscriptionId, kind, since, until));
    return Organizations.writingFor(orgId, () -> {
      dsl.insertInto(WEBHOOK_BULK_ACTIONS)
          .set(WEBHOOK_BULK_ACTIONS.ID, id)
          .set(WEBHOOK_BULK_ACTIONS.ORG_ID, orgId)
          .set(WEBHOOK_BULK_ACTIONS.SUBSCRIPTION_ID, subscriptionId)
          .set(WEBHOOK_BULK_ACTIONS.KIND, kind)
          .set(WEBHOOK_BULK_ACTIONS.SINCE, at(since))
          .set(WEBHOOK_BULK_ACTIONS.UNTIL, at(until))
          .set(WEBHOOK_BULK_ACTIONS.STATUS, DeliveryBulkActionWorkflow.RUNNING)
          .set(WEBHOOK_BULK_ACTIONS.TOTAL, total)
          .set(WEBHOOK_BULK_ACTIONS.CREATED_AT, now())
          .execute();
      return id;
    });
  }

  /** Forgets an action whose workflow could not be started: nothing is left half-written. */
  public void delete(String id) {
    dsl.deleteFrom(WEBHOOK_BULK_ACTIONS).where(WEBHOOK_BULK_ACTIONS.ID.eq(id)).execute();
  }

  public Optional<Action> find(String id) {
    return dsl.selectFrom(WEBHOOK_BULK_ACTIONS).where(WEBHOOK_BULK_ACTIONS.ID.eq(id)).fetchOptional(DeliveryBulkActionStore::action);
  }

  public Optional<Action> find(String orgId, String id) {
    return find(id).filter(a -> a.orgId().equals(orgId));
  }

  List<String> nextPage(Action action, String afterDeliveryId, int limit) {
    Condition where = matching(action.orgId(), action.subscriptionId(), action.kind(), action.since(), action.until());
    if (afterDeliveryId != null) {
      where = where.and(WEBHOOK_DELIVERIES.ID.gt(afterDeliveryId));
    }
    return dsl.select(WEBHOOK_DELIVERIES.ID)
        .from(WEBHOOK_DELIVERIES)
        .where(where)
        .orderBy(WEBHOOK_DELIVERIES.ID)
        .limit(limit)
        .fetch(WEBHOOK_DELIVERIES.ID);
  }

  /** The deliveries of this page as they are now (the action's organization only). */
  List<Target> targets(Action action, List<String> deliveryIds) {
    return dsl.select(WEBHOOK_DELIVERIES.ID, WEBHOOK_DELIVERIES.ORG_ID, EventColumns.EVENT_ID, WEBHOOK_DELIVERIES.STATUS)
        .from(WEBHOOK_DELIVERIES)
        .join(EventColumns.TABLE)
        .on(EventColumns.of(WEBHOOK_DELIVERIES.EVENT_ID, WEBHOOK_DELIVERIES.ORG_ID))
        .where(WEBHOOK_DELIVERIES.ID.in(deliveryIds))
        .and(WEBHOOK_DELIVERIES.ORG_ID.eq(action.orgId()))
        .and(WEBHOOK_DELIVERIES.SUBSCRIPTION_ID.eq(action.subscriptionId()))
        .orderBy(WEBHOOK_DELIVERIES.ID)
        .fetch(r -> new Target(r.value1(), r.value2(), r.value3(), r.value4()));
  }

  /** Counts one page's progress once: a retried page that was counted changes nothing. */
  void recordPage(String actionId, String throughDeliveryId, int applied, int skipped) {
    dsl.update(WEBHOOK_BULK_ACTIONS)
        .set(WEBHOOK_BULK_ACTIONS.APPLIED, WEBHOOK_BULK_ACTIONS.APPLIED.plus(applied))
        .set(WEBHOOK_BULK_ACTIONS.SKIPPED, WEBHOOK_BULK_ACTIONS.SKIPPED.plus(skipped))
        .set(WEBHOOK_BULK_ACTIONS.THROUGH_DELIVERY_ID, throughDeliveryId)
        .where(WEBHOOK_BULK_ACTIONS.ID.eq(actionId))
        .and(WEBHOOK_BULK_ACTIONS.THROUGH_DELIVERY_ID.isNull().or(WEBHOOK_BULK_ACTIONS.THROUGH_DELIVERY_ID.lt(throughDeliveryId)))
        .execute();
  }

  void finish(String actionId) {
    dsl.update(WEBHOOK_BULK_ACTIONS)
        .set(WEBHOOK_BULK_ACTIONS.STATUS, DeliveryBulkActionWorkflow.COMPLETED)
        .set(WEBHOOK_BULK_ACTIONS.FINISHED_AT, DSL.coalesce(WEBHOOK_BULK_ACTIONS.FINISHED_AT, DSL.val(now())))
        .where(WEBHOOK_BULK_ACTIONS.ID.eq(actionId))
        .execute();
  }

  private static Condition matching(String orgId, String subscriptionId, String kind, Instant since, Instant until) {
    Condition where =
        WEBHOOK_DELIVERIES.SUBSCRIPTION_ID.eq(subscriptionId)
            .and(WEBHOOK_DELIVERIES.ORG_ID.eq(orgId))
            .and(WEBHOOK_DELIVERIES.STATUS.eq(matchingStatus(kind)));
    if (since != null) {
      where = where.and(WEBHOOK_DELIVERIES.CREATED_AT.ge(at(since)));
    }
    if (until != null) {
      where = where.and(WEBHOOK_DELIVERIES.CREATED_AT.lt(at(until)));
    }
    return where;
  }

  private static Action action(WebhookBulkActionsRecord r) {
    return new Action(
        r.getId(), r.getOrgId(), r.getSubscriptionId(), r.getKind(), instant(r.getSince()), instant(r.getUntil()),
        r.getStatus(), r.getTotal(), r.getApplied(), r.getSkipped(), instant(r.getCreatedAt()),
        instant(r.getFinishedAt()), DeliveryBulkActionWorkflow.workflowId(r.getId()));
  }

  private static OffsetDateTime at(Instant instant) {
    return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
  }

  private static Instant instant(OffsetDateTime at) {
    return at == null ? null : at.toInstant();
  }

  private OffsetDateTime now() {
    return OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
  }
}
