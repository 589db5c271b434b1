package io.workerplatform.compliance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowOptions;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import io.workerplatform.common.InvalidInput;
import io.workerplatform.compliance.ComplianceActivities.ComplianceOutcome;
import io.workerplatform.compliance.ComplianceActivities.ComplianceRun;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.IntFunction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ComplianceRefreshWorkflowTest {
  private TestWorkflowEnvironment env;
  private final List<String> calls = new CopyOnWriteArrayList<>();

  @BeforeEach
  void start() {
    env = TestWorkflowEnvironment.newInstance();
  }

  @AfterEach
  void stop() {
    env.close();
  }

  private ComplianceOutcome run(IntFunction<ComplianceOutcome> refresh) {
    Worker worker = env.newWorker(ComplianceRefreshWorkflow.TASK_QUEUE);
    worker.registerWorkflowImplementationTypes(ComplianceRefreshWorkflowImpl.class);
    worker.registerActivitiesImplementations(new ComplianceActivities() {
      @Override
      public ComplianceOutcome refresh(ComplianceRun run) {
        calls.add("refresh " + run.orgId() + " " + run.runId());
        return refresh.apply(calls.size());
      }

      @Override
      public ComplianceOutcome fail(ComplianceRun run, String reason) {
        calls.add("fail " + run.runId() + ": " + reason);
        return new ComplianceOutcome(run.runId(), "FAILED", null, null);
      }
    });
    env.start();
    return env.getWorkflowClient()
        .newWorkflowStub(ComplianceRefreshWorkflow.class, WorkflowOptions.newBuilder()
            .setWorkflowId(ComplianceRefreshWorkflow.workflowId("cmp_1"))
            .setTaskQueue(ComplianceRefreshWorkflow.TASK_QUEUE).build())
        .refresh(new ComplianceRun("acme", "cmp_1"));
  }

  @Test
  void aRefreshIsComputedByItsIdsAfterATransientFailure() {
    ComplianceOutcome outcome = run(attempt -> {
      if (attempt == 1) {
        throw ApplicationFailure.newFailure("database away", "DatabaseUnavailable");
      }
      return new ComplianceOutcome("cmp_1", "COMPLETED", 45, "RED");
    });

    assertThat(outcome).isEqualTo(new ComplianceOutcome("cmp_1", "COMPLETED", 45, "RED"));
    assertThat(calls).containsExactly("refresh acme cmp_1", "refresh acme cmp_1");
  }

  @Test
  void aRefreshThatNeverSucceedsEndsFailedAfterADay() {
    ComplianceOutcome outcome = run(attempt -> {
      throw ApplicationFailure.newFailure("database away", "DatabaseUnavailable");
    });

    assertThat(outcome.status()).isEqualTo("FAILED");
    assertThat(calls.getLast()).isEqualTo("fail cmp_1: gave up after retrying for 24 hours");
  }

  @Test
  void anUnknownRunFailsTheWorkflowAtOnce() {
    assertThatThrownBy(() -> run(attempt -> {
      throw ApplicationFailure.newNonRetryableFailure("no run", InvalidInput.TYPE, "runId");
    })).isInstanceOf(WorkflowFailedException.class);
    assertThat(calls).containsExactly("refresh acme cmp_1");
  }
}
