package io.workerplatform.webhooks;

import io.temporal.activity.Activity;
import io.temporal.activity.ActivityExecutionContext;
import io.temporal.failure.ApplicationFailure;
import io.workerplatform.common.InvalidInput;
import java.time.Duration;
import java.util.List;

public class DeliveryBulkActionActivitiesImpl implements DeliveryBulkActionActivities {
  /** The reason a delivery cancelled by a bulk action records. */
  static final String CANCELLED_BY_OPERATOR = "cancelled by an operator (bulk action)";

  /**
   * How an action reaches a delivery's workflow: the host gives the starters' facade, so a
   * redelivery here is the same as {@code POST .../webhook-deliveries/{id}/redeliver}.
   */
  public interface Steering {
    void redeliver(String orgId, String eventId, String deliveryId);

    /** False when the delivery's workflow is not running. */
    boolean cancel(String deliveryId, String reason);
  }

  private final DeliveryBulkActionStore store;
  private final Steering steering;
  private final int pageSize;
  private final double perSecond;

  /**
   * @param perSecond deliveries redelivered or cancelled per second at most, so that a thousand
   *     failed deliveries do not hit their receiver (or the workers) all at once
   */
  public DeliveryBulkActionActivitiesImpl(
      DeliveryBulkActionStore store, Steering steering, int pageSize, double perSecond) {
    this.store = store;
    this.steering = steering;
    this.pageSize = pageSize;
    this.perSecond = perSecond;
  }

  @Override
  public Plan plan(String actionId) {
    DeliveryBulkActionStore.Action action = load(actionId);
    return new Plan(action.total(), pageSize, Duration.ofMillis((long) Math.ceil(pageSize * 1000 / perSecond)));
  }

  @Override
  public List<String> nextPage(String actionId, String afterDeliveryId, int limit) {
    return store.nextPage(load(actionId), afterDeliveryId, limit);
  }

  @Override
  public PageResult apply(String actionId, List<String> deliveryIds) {
    DeliveryBulkActionStore.Action action = load(actionId);
    if (deliveryIds == null || deliveryIds.isEmpty()) {
      throw ApplicationFailure.newNonRetryableFailure("deliveryIds is empty", InvalidInput.TYPE, "deliveryIds");
    }
    String wanted = DeliveryBulkActionStore.matchingStatus(action.kind());
    ActivityExecutionContext context = Activity.getExecutionContext();
    int applied = 0;
    int skipped = 0;
    for (DeliveryBulkActionStore.Target target : store.targets(action, deliveryIds)) {
      context.heartbeat(target.deliveryId());
      if (!wanted.equals(target.status())) {
        skipped++; // changed since the page was read (delivered, redelivered, no longer waiting)
      } else if (DeliveryBulkActionWorkflow.REDELIVER_FAILED.equals(action.kind())) {
        steering.redeliver(target.orgId(), target.eventId(), target.deliveryId());
        applied++;
      } else if (steering.cancel(target.deliveryId(), CANCELLED_BY_OPERATOR)) {
        applied++;
      } else {
        skipped++;
      }
    }
    String through = deliveryIds.stream().max(String::compareTo).orElseThrow();
    store.recordPage(actionId, through, applied, skipped);
    return new PageResult(through, applied, skipped);
  }

  @Override
  public void finish(String actionId) {
    store.finish(load(actionId).id());
  }

  private DeliveryBulkActionStore.Action load(String actionId) {
    InvalidInput.requireText("actionId", actionId);
    return store
        .find(actionId)
        .orElseThrow(
            () ->
                ApplicationFailure.newNonRetryableFailure(
                    "webhook bulk action " + actionId + " does not exist", InvalidInput.TYPE, "actionId"));
  }
}
