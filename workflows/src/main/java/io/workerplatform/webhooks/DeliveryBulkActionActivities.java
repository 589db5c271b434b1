package io.workerplatform.webhooks;

import io.temporal.activity.ActivityInterface;
import java.time.Duration;
import java.util.List;

/** The steps of a {@link DeliveryBulkActionWorkflow}; every one is idempotent. */
@ActivityInterface
public interface DeliveryBulkActionActivities {
  /**
   * @param total the deliveries that matched when the action was created
   * @param pageSize deliveries per page
   * @param pageInterval the wait between two pages, which bounds the rate
   */
  record Plan(long total, int pageSize, Duration pageInterval) {}

  /** What one page changed: its last delivery id is where the next page starts. */
  record PageResult(String throughDeliveryId, int applied, int skipped) {}

  Plan plan(String actionId);

  /** The ids of the next matching deliveries after {@code afterDeliveryId} (null: from the start). */
  List<String> nextPage(String actionId, String afterDeliveryId, int pageSize);

  /** Redelivers or cancels these deliveries, each only if it still matches; records the progress. */
  PageResult apply(String actionId, List<String> deliveryIds);

  void finish(String actionId);
}
