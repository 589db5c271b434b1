package io.workerplatform.compliance;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import io.workerplatform.common.CliRecipes;
import io.workerplatform.compliance.ComplianceActivities.ComplianceOutcome;
import io.workerplatform.compliance.ComplianceActivities.ComplianceRun;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** docs/filings-and-compliance.md's recipe, sent as the CLI sends it. */
class ComplianceCliRecipeTest {

  @RegisterExtension
  static final TestWorkflowExtension testWorkflow = TestWorkflowExtension.newBuilder()
      .registerWorkflowImplementationTypes(ComplianceRefreshWorkflowImpl.class)
      .setDoNotStart(true)
      .build();

  @Test
  void theStartRecipeComputesTheStoredRun(TestWorkflowEnvironment env, Worker unused) throws Exception {
    CliRecipes.StartRecipe start = CliRecipes.startRecipes().stream()
        .filter(r -> "ComplianceRefreshWorkflow".equals(r.type())).findFirst().orElseThrow();
    List<ComplianceRun> computed = new ArrayList<>();
    Worker worker = env.newWorker(ComplianceRefreshWorkflow.TASK_QUEUE);
    worker.registerWorkflowImplementationTypes(ComplianceRefreshWorkflowImpl.class);
    worker.registerActivitiesImplementations(new ComplianceActivities() {
      @Override
      public ComplianceOutcome refresh(ComplianceRun run) {
        computed.add(run);
        return new ComplianceOutcome(run.runId(), "COMPLETED", 80, "GREEN");
      }

      @Override
      public ComplianceOutcome fail(ComplianceRun run, String reason) {
        throw new UnsupportedOperationException();
      }
    });
    env.start();
    assertThat(start.taskQueue()).isEqualTo(ComplianceRefreshWorkflow.TASK_QUEUE);

    CliRecipes.start(env.getWorkflowServiceStubs(), env.getNamespace(), start);

    ComplianceOutcome outcome =
        env.getWorkflowClient().newUntypedWorkflowStub(start.workflowId()).getResult(ComplianceOutcome.class);
    assertThat(outcome.level()).isEqualTo("GREEN");
    assertThat(computed).containsExactly(new ComplianceRun("acme", "cmp_123"));
    assertThat(start.workflowId()).isEqualTo(ComplianceRefreshWorkflow.workflowId("cmp_123"));
  }
}
