package io.workerplatform.screening;

import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * A monitored search's change, reported by the provider's callback: reads the search as the
 * provider has it now and updates the profile (the old {@code background-check-monitor}). One
 * per search at a time ({@code screening-refresh/<org>/<search>}); a callback while one runs is
 * absorbed by it, and the hourly poll catches anything a run read too early.
 */
@WorkflowInterface
public interface ScreeningRefreshWorkflow {
  String TASK_QUEUE = ProfileSearchWorkflow.TASK_QUEUE;

  static String workflowId(String orgId, String searchId) {
    return "screening-refresh/" + orgId + "/" + searchId;
  }

  /** True when the change alerted ({@code profile.screening.changed}). */
  @WorkflowMethod
  boolean run(RefreshInput input);

  record RefreshInput(String orgId, String searchId) {}
}
