package io.workerplatform.sap;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.client.WorkflowOptions;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import io.workerplatform.sap.SapSyncWorkflow.SyncInput;
import io.workerplatform.sap.SapSyncWorkflow.SyncResult;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class SapSyncWorkflowTest {

  @RegisterExtension
  static final TestWorkflowExtension testWorkflow = TestWorkflowExtension.newBuilder()
      .registerWorkflowImplementationTypes(SapSyncWorkflowImpl.class)
      .setDoNotStart(true)
      .build();

  /** {@code pages} pages of two created partners each; with {@code refuseAt}, that page's read is refused. */
  static final class Activities implements SapSyncActivities {
    final int pages;
    final int refuseAt;
    final AtomicInteger read = new AtomicInteger();
    final List<String> calls = new CopyOnWriteArrayList<>();

    Activities(int pages, int refuseAt) {
      this.pages = pages;
      this.refuseAt = refuseAt;
    }

    @Override
    public void startRun(String orgId, String runId) {
      calls.add("start " + runId);
    }

    @Override
    public PageResult syncPage(String orgId, String runId) {
      int page = read.incrementAndGet();
      if (page == refuseAt) {
        throw ApplicationFailure.newNonRetryableFailure("SAP partners: HTTP 401", UNAUTHORIZED);
      }
      return new PageResult(2, 0, 0, page < pages);
    }

    @Override
    public SyncCounts finishRun(String runId, String status, String error) {
      calls.add("finish " + runId + " " + status + " " + error);
      int written = Math.min(read.get(), refuseAt > 0 ? refuseAt - 1 : pages);
      return new SyncCounts(written * 2, 0, 0);
    }
  }

  static SyncResult run(TestWorkflowEnvironment env, Worker worker, Activities activities, String orgId) {
    worker.registerActivitiesImplementations(activities);
    env.start();
    SapSyncWorkflow workflow = env.getWorkflowClient().newWorkflowStub(SapSyncWorkflow.class,
        WorkflowOptions.newBuilder().setWorkflowId(SapSyncWorkflow.workflowId(orgId)).setTaskQueue(worker.getTaskQueue()).build());
    return workflow.run(new SyncInput(orgId, null));
  }

  @Test
  void pagesAreWrittenUntilNoneIsLeftAndTheHistoryStaysBounded(TestWorkflowEnvironment env, Worker worker) {
    Activities activities = new Activities(400, 0);

    SyncResult result = run(env, worker, activities, "org-1");

    assertThat(result.status()).isEqualTo("COMPLETED");
    assertThat(result.created()).isEqualTo(800);
    assertThat(activities.read.get()).isEqualTo(400);
    assertThat(activities.calls).hasSize(2); // one run, started once, finished once
    assertThat(activities.calls.get(1)).isEqualTo("finish " + result.runId() + " COMPLETED null");
    assertThat(env.getWorkflowClient().fetchHistory(SapSyncWorkflow.workflowId("org-1")).getEvents()).hasSizeLessThan(1_100);
  }

  @Test
  void refusedCredentialsEndTheSyncFailedWithTheReason(TestWorkflowEnvironment env, Worker worker) {
    Activities activities = new Activities(5, 3);

    SyncResult result = run(env, worker, activities, "org-2");

    assertThat(result.status()).isEqualTo("FAILED");
    assertThat(result.error()).isEqualTo("SapUnauthorized: SAP partners: HTTP 401");
    assertThat(result.created()).isEqualTo(4);
    assertThat(activities.read.get()).isEqualTo(3);
  }
}
