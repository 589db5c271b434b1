package io.workerplatform.screening;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import io.workerplatform.screening.ScreeningRefreshWorkflow.RefreshInput;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ScreeningRefreshWorkflowTest {

  @RegisterExtension
  static final TestWorkflowExtension testWorkflow = TestWorkflowExtension.newBuilder()
      .registerWorkflowImplementationTypes(ScreeningRefreshWorkflowImpl.class)
      .setDoNotStart(true)
      .build();

  /** Fails {@code failures} times with a transient error, then answers; "refused" searches fail for good. */
  static final class Activities implements ScreeningRefreshActivities {
    final List<String> calls = new CopyOnWriteArrayList<>();
    final AtomicInteger failures;

    Activities(int failures) {
      this.failures = new AtomicInteger(failures);
    }

    @Override
    public boolean refresh(String orgId, String searchId) {
      calls.add(orgId + "/" + searchId);
      if (searchId.equals("refused")) {
        throw ApplicationFailure.newNonRetryableFailure("HTTP 401", ProfileSearchActivities.UNAUTHORIZED);
      }
      if (failures.getAndDecrement() > 0) {
        throw new IllegalStateException("provider 503");
      }
      return searchId.startsWith("changed");
    }
  }

  static boolean run(TestWorkflowEnvironment env, Worker worker, Activities activities, String orgId, String searchId) {
    worker.registerActivitiesImplementations(activities);
    env.start();
    ScreeningRefreshWorkflow workflow = env.getWorkflowClient().newWorkflowStub(ScreeningRefreshWorkflow.class,
        WorkflowOptions.newBuilder()
            .setWorkflowId(ScreeningRefreshWorkflow.workflowId(orgId, searchId))
            .setTaskQueue(worker.getTaskQueue())
            .build());
    return workflow.run(new RefreshInput(orgId, searchId));
  }

  @Test
  void aTransientFailureIsRetriedAndTheChangeRead(TestWorkflowEnvironment env, Worker worker) {
    Activities activities = new Activities(2);

    assertThat(run(env, worker, activities, "org-1", "changed-1")).isTrue();

    assertThat(activities.calls).containsExactly("org-1/changed-1", "org-1/changed-1", "org-1/changed-1");
  }

  @Test
  void aRefusedKeyIsNotRetried(TestWorkflowEnvironment env, Worker worker) {
    Activities activities = new Activities(0);

    assertThatThrownBy(() -> run(env, worker, activities, "org-1", "refused"))
        .isInstanceOf(WorkflowFailedException.class)
        .cause().isInstanceOf(ActivityFailure.class);
    assertThat(activities.calls).hasSize(1);
  }
}
