package io.workerplatform.webhooks;

import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.workflow.Workflow;
import io.workerplatform.common.InvalidInput;
import java.time.Duration;
import java.util.List;

public class DeliveryBulkActionWorkflowImpl implements DeliveryBulkActionWorkflow {
  /** Pages per run: about ten events each, so a run's history stays small. */
  static final int PAGES_PER_RUN = 200;

  static final ActivityOptions OPTIONS =
      ActivityOptions.newBuilder()
          .setStartToCloseTimeout(Duration.ofMinutes(2))
          .setHeartbeatTimeout(Duration.ofSeconds(30))
          .setRetryOptions(
              RetryOptions.newBuilder()
                  .setInitialInterval(Duration.ofSeconds(1))
                  .setMaximumInterval(Duration.ofMinutes(1))
                  .setDoNotRetry(InvalidInput.TYPE)
                  .build())
          .build();

  private final DeliveryBulkActionActivities activities =
      Workflow.newActivityStub(DeliveryBulkActionActivities.class, OPTIONS);

  private String actionId;
  private String status = RUNNING;
  private long total;
  private long applied;
  private long skipped;

  @Override
  public Progress run(Input input) {
    actionId = InvalidInput.requireText("actionId", input == null ? null : input.actionId());
    applied = input.applied();
    skipped = input.skipped();
    DeliveryBulkActionActivities.Plan plan = activities.plan(actionId);
    total = plan.total();
    String after = input.afterDeliveryId();
    for (int page = 1; ; page++) {
      Workflow.setCurrentDetails(applied + skipped + " of " + total + " done");
      List<String> ids = activities.nextPage(actionId, after, plan.pageSize());
      if (ids.isEmpty()) {
        break;
      }
      DeliveryBulkActionActivities.PageResult result = activities.apply(actionId, ids);
      applied += result.applied();
      skipped += result.skipped();
      after = result.throughDeliveryId();
      if (ids.size() < plan.pageSize()) {
        break;
      }
      if (page == PAGES_PER_RUN) {
        Workflow.continueAsNew(new Input(actionId, after, applied, skipped));
      }
      if (!plan.pageInterval().isZero()) {
        Workflow.sleep(plan.pageInterval());
      }
    }
    activities.finish(actionId);
    status = COMPLETED;
    Workflow.setCurrentDetails(COMPLETED + ": " + applied + " applied, " + skipped + " skipped");
    return progress();
  }

  @Override
  public Progress progress() {
    return new Progress(actionId, status, total, applied, skipped);
  }
}
