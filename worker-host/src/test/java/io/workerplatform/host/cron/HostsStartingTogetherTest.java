package io.workerplatform.host.cron;

import static io.workerplatform.db.Tables.CRON_REGISTRATIONS;
import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.client.WorkflowClient;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.workerplatform.common.TestDatabase;
import io.workerplatform.cron.CronJobWorkflow;
import io.workerplatform.host.support.ChildJvm;
import io.workerplatform.host.support.FreePort;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Three worker hosts started at the same moment against one standalone Temporal server and one
 * database: all come up, and each cron job has exactly one workflow, started by exactly one host.
 */
class HostsStartingTogetherTest {
  private static final List<String> JOBS =
      List.of("anonymizer", "webhook-attempts-cleanup", "gdpr-export-cleanup", "reminder-trigger", "organization-limits",
          "expiring-properties",
          "petition-notifications", "old-notifications", "idempotency-keys-cleanup", "screening-monitor",
          "adverse-media-monitor", "sap-profile-polling", "filing-reminders", "compliance-refresh", "scheduled-reports");

  @Test
  void threeHostsStartedTogetherAllComeUpAndEachJobRunsOnce() throws Exception {
    int temporalPort = FreePort.find();
    List<ChildJvm> hosts = new ArrayList<>();
    try (TestDatabase db = TestDatabase.create("together");
        ChildJvm temporal = ChildJvm.temporalServer(temporalPort);
        ExecutorService starting = Executors.newFixedThreadPool(3)) {
      List<Future<ChildJvm>> started = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        started.add(
            starting.submit(
                () ->
                    ChildJvm.workerHost(
                        FreePort.find(),
                        List.of(
                            "spring.temporal.connection.target=127.0.0.1:" + temporalPort,
                            "platform.db.schema=" + db.schema,
                            "logging.level.io.workerplatform.host.cron=info"),
                        "384m")));
      }
      for (Future<ChildJvm> host : started) {
        hosts.add(host.get()); // each one healthy, none failed its start-up
      }

      WorkflowServiceStubs stubs =
          WorkflowServiceStubs.newServiceStubs(
              WorkflowServiceStubsOptions.newBuilder().setTarget("127.0.0.1:" + temporalPort).build());
      try {
        WorkflowClient client = WorkflowClient.newInstance(stubs);
        for (String job : JOBS) {
          var description =
              client.newUntypedWorkflowStub(CronJobWorkflow.workflowId(job), Optional.empty(), Optional.empty()).describe();
          assertThat(description.getStatus()).as(job).isEqualTo(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING);
          Pattern startedIt = Pattern.compile("Cron job " + Pattern.quote(job) + ": (STARTED|REPLACED)");
          Pattern keptIt = Pattern.compile("Cron job " + Pattern.quote(job) + ": KEPT");
          long starters = hosts.stream().filter(h -> startedIt.matcher(h.log()).find()).count();
          long keepers = hosts.stream().filter(h -> keptIt.matcher(h.log()).find()).count();
          assertThat(starters).as("hosts that started " + job).isEqualTo(1);
          assertThat(keepers).as("hosts that found " + job + " running").isEqualTo(2);
        }
        assertThat(db.dsl.fetchValues(CRON_REGISTRATIONS.JOB)).containsExactlyInAnyOrderElementsOf(JOBS);
      } finally {
        stubs.shutdownNow();
      }
    } finally {
      hosts.forEach(ChildJvm::kill);
    }
  }
}
