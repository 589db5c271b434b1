package io.workerplatform.starters;

import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowOptions;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.workerplatform.screening.ProfileSearchWorkflow;
import io.workerplatform.screening.ScreeningRefreshWorkflow;
import io.workerplatform.screening.SearchInput;
import io.workerplatform.screening.SearchProgress;
import java.util.Optional;

/**
 * Starts and steers screenings (workflow {@code profile-search/<id>} on queue {@code screening}).
 * The screening and its profiles are rows in PostgreSQL; Temporal only ever sees their ids.
 */
public class Screenings {
  private final WorkflowClient client;

  public Screenings(WorkflowClient client) {
    this.client = client;
  }

  /** Starts the screening's workflow; false when it runs or ran already (no profile is screened twice). */
  public boolean start(String orgId, String screeningId) {
    return start(orgId, screeningId, WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_REJECT_DUPLICATE);
  }

  /**
   * Starts a new run of a screening whose last run was terminated, timed out or failed before it
   * finished (the relay's sweeper): it screens the profiles still pending, each written result
   * staying as it is. False when a run is running or completed.
   */
  public boolean restart(String orgId, String screeningId) {
    return start(orgId, screeningId, WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_ALLOW_DUPLICATE_FAILED_ONLY);
  }

  private boolean start(String orgId, String screeningId, WorkflowIdReusePolicy reuse) {
    ProfileSearchWorkflow workflow = client.newWorkflowStub(ProfileSearchWorkflow.class, WorkflowOptions.newBuilder(
            BusinessWorkflows.once(ProfileSearchWorkflow.workflowId(screeningId), ProfileSearchWorkflow.TASK_QUEUE,
                "Screening " + screeningId, orgId, screeningId))
        .setWorkflowIdReusePolicy(reuse)
        .build());
    try {
      WorkflowClient.start(workflow::run, SearchInput.start(screeningId));
      return true;
    } catch (WorkflowExecutionAlreadyStarted e) {
      return false;
    }
  }

  /**
   * Starts reading a monitored search's change ({@code screening-refresh/<org>/<search>}); while
   * one runs, that one is it, and once it closed the same id runs again.
   */
  public void refresh(String orgId, String searchId) {
    ScreeningRefreshWorkflow workflow = client.newWorkflowStub(ScreeningRefreshWorkflow.class, BusinessWorkflows.again(
        ScreeningRefreshWorkflow.workflowId(orgId, searchId), ScreeningRefreshWorkflow.TASK_QUEUE,
        "Monitored search " + searchId + " changed", orgId, searchId));
    WorkflowClient.start(workflow::run, new ScreeningRefreshWorkflow.RefreshInput(orgId, searchId));
  }

  public void pause(String screeningId) {
    stub(screeningId).pause();
  }

  public void resume(String screeningId) {
    stub(screeningId).resume();
  }

  public void cancel(String screeningId) {
    stub(screeningId).cancel();
  }

  /** The live progress of the screening, or empty when its workflow never started. */
  public Optional<SearchProgress> progress(String screeningId) {
    try {
      return Optional.of(stub(screeningId).progress());
    } catch (WorkflowNotFoundException e) {
      return Optional.empty();
    }
  }

  private ProfileSearchWorkflow stub(String screeningId) {
    return client.newWorkflowStub(ProfileSearchWorkflow.class, ProfileSearchWorkflow.workflowId(screeningId));
  }
}
