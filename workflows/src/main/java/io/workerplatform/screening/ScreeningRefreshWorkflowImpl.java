package io.workerplatform.screening;

import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.workflow.Workflow;
import io.workerplatform.common.InvalidInput;
import java.time.Duration;

public class ScreeningRefreshWorkflowImpl implements ScreeningRefreshWorkflow {
  /**
   * A provider or database outage is tried for about an hour; after that the hourly poll takes the
   * search up again, so nothing loops forever.
   */
  static final ActivityOptions OPTIONS = ActivityOptions.newBuilder()
      .setStartToCloseTimeout(Duration.ofSeconds(60))
      .setRetryOptions(RetryOptions.newBuilder()
          .setInitialInterval(Duration.ofSeconds(1))
          .setBackoffCoefficient(2)
          .setMaximumInterval(Duration.ofMinutes(5))
          .setMaximumAttempts(20)
          .setDoNotRetry(InvalidInput.TYPE, ProfileSearchActivities.UNAUTHORIZED)
          .build())
      .build();

  private final ScreeningRefreshActivities activities = Workflow.newActivityStub(ScreeningRefreshActivities.class, OPTIONS);

  @Override
  public boolean run(RefreshInput input) {
    InvalidInput.requireText("orgId", input == null ? null : input.orgId());
    InvalidInput.requireText("searchId", input.searchId());
    return activities.refresh(input.orgId(), input.searchId());
  }
}
