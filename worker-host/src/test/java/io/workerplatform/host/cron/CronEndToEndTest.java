package io.workerplatform.host.cron;

import static io.workerplatform.db.Tables.CRON_REGISTRATIONS;
import static io.workerplatform.db.Tables.CRON_RUNS;
import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionDescription;
import io.workerplatform.cron.CronJob;
import io.workerplatform.cron.CronJobWorkflow;
import io.workerplatform.cron.CronRegistrations;
import io.workerplatform.host.support.Api;
import io.workerplatform.host.support.Eventually;
import io.workerplatform.host.support.HostTest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.Optional;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/** Cron jobs in a worker host in embedded mode: registration at start-up and after, runs, the API. */
@HostTest
@Import(CronEndToEndTest.Jobs.class)
class CronEndToEndTest {
  @TestConfiguration
  static class Jobs {
    @Bean
    CronJob counter() {
      return job("counter", input -> Map.of("counted", Long.parseLong(input.getOrDefault("n", "1"))));
    }

    /** Runs until the test lets it end. */
    static final java.util.concurrent.CountDownLatch slowMayEnd = new java.util.concurrent.CountDownLatch(1);

    @Bean
    CronJob slow() {
      return job("slow", input -> {
        try {
          slowMayEnd.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        return Map.of("waited", 1L);
      });
    }

    @Bean
    CronJob alwaysFails() {
      return job("always-fails", input -> {
        throw new IllegalStateException("the disk is full");
      });
    }

    static CronJob job(String name, java.util.function.Function<Map<String, String>, Map<String, Long>> body) {
      return new CronJob() {
        public String name() {
          return name;
        }

        public Map<String, Long> run(Map<String, String> input, java.time.Instant now, Runnable heartbeat) {
          heartbeat.run();
          return body.apply(input);
        }
      };
    }
  }

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    registry.add("platform.cron.jobs.counter.schedule", () -> "0 4 * * *");
    registry.add("platform.cron.jobs.counter.input.n", () -> "7");
    registry.add("platform.cron.jobs.always-fails.schedule", () -> "0 5 * * 1");
    registry.add("platform.cron.jobs.always-fails.time-zone", () -> "Europe/Madrid");
    registry.add("platform.cron.jobs.disabled-one.schedule", () -> "0 6 * * *");
    registry.add("platform.cron.jobs.slow.schedule", () -> "0 7 1 1 *");
    registry.add("platform.cron.jobs.disabled-one.enabled", () -> "false");
  }

  @LocalServerPort int port;
  @Autowired DSLContext dsl;
  @Autowired WorkflowClient client;
  @Autowired CronRegistrar registrar;
  @Autowired CronProperties properties;
  @Autowired CronRegistrations registrations;

  private WorkflowExecutionDescription describe(String job) {
    return client.newUntypedWorkflowStub(CronJobWorkflow.workflowId(job), Optional.empty(), Optional.empty()).describe();
  }

  private static CronProperties.Job job(String schedule, boolean enabled) {
    return new CronProperties.Job(schedule, "UTC", enabled, Map.of("n", "7"));
  }

  @Test
  void startUpStartsEveryEnabledJobAndARestartKeepsThem() {
    List<String> enabled = properties.jobs().entrySet().stream().filter(e -> e.getValue().enabled()).map(Map.Entry::getKey).toList();
    for (String job : enabled) {
      WorkflowExecutionDescription running = describe(job);
      assertThat(running.getStatus()).as(job).isEqualTo(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING);
      assertThat(running.getWorkflowType()).isEqualTo("CronJobWorkflow");
      assertThat(running.getMemo(CronJobWorkflow.MEMO_SCHEDULE, String.class)).isEqualTo(properties.jobs().get(job).schedule());
    }
    assertThat(dsl.fetchValues(CRON_REGISTRATIONS.JOB)).containsExactlyInAnyOrderElementsOf(enabled).contains("counter");
    String runBefore = describe("counter").getExecution().getRunId();

    Map<String, CronRegistrar.Action> again = registrar.register(properties.jobs());

    assertThat(again).containsEntry("disabled-one", CronRegistrar.Action.ABSENT);
    enabled.forEach(job -> assertThat(again).containsEntry(job, CronRegistrar.Action.KEPT));
    assertThat(describe("counter").getExecution().getRunId()).isEqualTo(runBefore);
  }

  @Test
  void aChangedScheduleReplacesTheWorkflowAndDisablingStopsIt() {
    Map<String, CronProperties.Job> jobs = new java.util.HashMap<>(properties.jobs());
    String first = describe("counter").getExecution().getRunId();

    jobs.put("counter", job("15 4 * * *", true));
    assertThat(registrar.register(jobs)).containsEntry("counter", CronRegistrar.Action.REPLACED);
    WorkflowExecutionDescription replaced = describe("counter");
    assertThat(replaced.getExecution().getRunId()).isNotEqualTo(first);
    assertThat(replaced.getMemo(CronJobWorkflow.MEMO_SCHEDULE, String.class)).isEqualTo("15 4 * * *");
    assertThat(dsl.fetchSingle(CRON_REGISTRATIONS, CRON_REGISTRATIONS.JOB.eq("counter")).getSchedule()).isEqualTo("15 4 * * *");

    jobs.put("counter", job("15 4 * * *", false));
    assertThat(registrar.register(jobs)).containsEntry("counter", CronRegistrar.Action.STOPPED);
    assertThat(describe("counter").getStatus()).isEqualTo(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_TERMINATED);
    assertThat(dsl.fetchCount(CRON_REGISTRATIONS, CRON_REGISTRATIONS.JOB.eq("counter"))).isZero();
    assertThat(registrar.register(jobs)).containsEntry("counter", CronRegistrar.Action.ABSENT);

    assertThat(registrar.register(properties.jobs())).containsEntry("counter", CronRegistrar.Action.STARTED);
    assertThat(describe("counter").getStatus()).isEqualTo(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING);
  }

  @Test
  void registrarsOfHostsStartingTogetherAllSucceedAndOneWorkflowRunsPerJob() throws Exception {
    Map<String, CronProperties.Job> stopped = new java.util.HashMap<>(properties.jobs());
    stopped.put("counter", job("0 4 * * *", false));
    for (int round = 0; round < 5; round++) {
      registrar.register(stopped);
      CyclicBarrier together = new CyclicBarrier(3);
      List<Future<Map<String, CronRegistrar.Action>>> hosts = new ArrayList<>();
      try (ExecutorService threads = Executors.newFixedThreadPool(3)) {
        for (int host = 0; host < 3; host++) {
          CronRegistrar own = new CronRegistrar(client, registrations, true);
          hosts.add(threads.submit(() -> {
            together.await();
            return own.register(properties.jobs());
          }));
        }
        List<CronRegistrar.Action> actions = new ArrayList<>();
        for (var host : hosts) {
          actions.add(host.get().get("counter")); // none of them failed
        }
        assertThat(actions).as("round " + round)
            .containsExactlyInAnyOrder(CronRegistrar.Action.STARTED, CronRegistrar.Action.KEPT, CronRegistrar.Action.KEPT);
      }
      WorkflowExecutionDescription running = describe("counter");
      assertThat(running.getStatus()).isEqualTo(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING);
      assertThat(dsl.fetchSingle(CRON_REGISTRATIONS, CRON_REGISTRATIONS.JOB.eq("counter")).getSchedule()).isEqualTo("0 4 * * *");
    }
  }

  @Test
  void aManualRunOfADisabledJobAnswers409() {
    Api api = Api.admin(port);
    assertThat(api.post("/api/cron/disabled-one/run", "").status()).isEqualTo(409);
    assertThat(dsl.fetchCount(CRON_RUNS, CRON_RUNS.JOB.eq("disabled-one"))).isZero();
  }

  @Test
  void aManualRunWhileTheJobRunsAnswers409AndOnceItEndedRuns() {
    Api api = Api.admin(port);
    String first = api.post("/api/cron/slow/run", "").body().get("workflowId").asString();
    Eventually.await(
        () -> dsl.fetchCount(CRON_RUNS, CRON_RUNS.WORKFLOW_ID.eq(first), CRON_RUNS.OUTCOME.eq("RUNNING")),
        n -> n == 1,
        Duration.ofSeconds(30));

    Api.Response second = api.post("/api/cron/slow/run", "");

    second.assertProblem(409, "name");
    assertThat(second.body().get("detail").asString()).contains(first);
    Jobs.slowMayEnd.countDown();
    Eventually.await(
        () -> dsl.fetchCount(CRON_RUNS, CRON_RUNS.WORKFLOW_ID.eq(first), CRON_RUNS.FINISHED_AT.isNotNull()),
        n -> n == 1,
        Duration.ofSeconds(30));
    assertThat(api.post("/api/cron/slow/run", "").status()).isEqualTo(202);
    assertThat(dsl.fetchCount(CRON_RUNS, CRON_RUNS.JOB.eq("slow"))).isBetween(1, 2);
  }

  @Test
  void manualRunsAreRecordedAndListedFailedOnesToo() {
    Api api = Api.admin(port);
    Api.Response started = api.post("/api/cron/counter/run", "");
    assertThat(started.status()).isEqualTo(202);
    String workflowId = started.body().get("workflowId").asString();
    assertThat(workflowId).startsWith("cron/counter/manual/");
    Api.Response failed = api.post("/api/cron/always-fails/run", "");
    assertThat(failed.status()).isEqualTo(202);
    assertThat(api.post("/api/cron/nope/run", "").status()).isEqualTo(404);

    // both runs' own rows (another test's runs finish in this host too)
    List<String> ids = List.of(workflowId, failed.body().get("workflowId").asString());
    Eventually.await(
        () -> dsl.fetchCount(CRON_RUNS, CRON_RUNS.WORKFLOW_ID.in(ids), CRON_RUNS.FINISHED_AT.isNotNull()),
        n -> n == 2,
        Duration.ofSeconds(30));
    var counted = dsl.fetchSingle(CRON_RUNS, CRON_RUNS.WORKFLOW_ID.eq(workflowId));
    assertThat(counted.getOutcome()).isEqualTo("SUCCEEDED");
    assertThat(counted.getCounts().data()).isEqualTo("{\"counted\": 7}");

    JsonNode list = api.get("/api/cron").body();
    JsonNode counter = find(list, "counter");
    assertThat(counter.get("schedule").asString()).isEqualTo("0 4 * * *");
    assertThat(counter.get("lastRun").get("outcome").asString()).isEqualTo("SUCCEEDED");
    assertThat(counter.get("lastRun").get("counts").get("counted").asInt()).isEqualTo(7);
    Instant next = Instant.parse(counter.get("nextRunAt").asString());
    assertThat(next).isAfter(Instant.now()).isBefore(Instant.now().plus(Duration.ofDays(1)));
    assertThat(next.atZone(java.time.ZoneOffset.UTC).getHour()).isEqualTo(4);
    JsonNode failing = find(list, "always-fails");
    assertThat(failing.get("timeZone").asString()).isEqualTo("Europe/Madrid");
    assertThat(failing.get("lastRun").get("outcome").asString()).isEqualTo("FAILED");
    assertThat(failing.get("lastRun").get("error").asString()).contains("the disk is full");
    // the scheduled workflow is untouched by manual runs
    assertThat(describe("counter").getStatus()).isEqualTo(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING);

    JsonNode runs = api.get("/api/cron/always-fails/runs?limit=1").body();
    assertThat(runs.get("items")).hasSize(1);
    assertThat(runs.get("items").get(0).get("outcome").asString()).isEqualTo("FAILED");
    assertThat(runs.get("items").get(0).get("workflowId").asString()).startsWith("cron/always-fails/manual/");
    assertThat(api.get("/api/cron/nope/runs").status()).isEqualTo(404);
  }

  @Test
  void aPausedJobStaysStoppedOnEveryHostUntilResumedAndADisabledOneCannotBeResumed() {
    Api api = Api.admin(port);
    try {
      Api.Response paused = api.post("/api/cron/always-fails/pause", "");
      assertThat(paused.status()).isEqualTo(200);
      assertThat(paused.body().get("paused").asBoolean()).isTrue();
      assertThat(paused.body().get("pausedAt").isNull()).isFalse();
      assertThat(paused.body().get("nextRunAt").isNull()).isTrue();
      assertThat(describe("always-fails").getStatus()).isEqualTo(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_TERMINATED);
      // another host starting now reads the pause from PostgreSQL and leaves the job stopped
      CronRegistrar otherHost = new CronRegistrar(client, registrations, true);
      assertThat(otherHost.register(properties.jobs())).containsEntry("always-fails", CronRegistrar.Action.ABSENT);
      assertThat(describe("always-fails").getStatus()).isEqualTo(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_TERMINATED);
      assertThat(find(api.get("/api/cron").body(), "always-fails").get("paused").asBoolean()).isTrue();
      assertThat(api.post("/api/cron/always-fails/pause", "").status()).as("pausing again changes nothing").isEqualTo(200);

      Api.Response resumed = api.post("/api/cron/always-fails/resume", "");
      assertThat(resumed.status()).isEqualTo(200);
      assertThat(resumed.body().get("paused").asBoolean()).isFalse();
      assertThat(resumed.body().get("nextRunAt").isNull()).isFalse();
      assertThat(describe("always-fails").getStatus()).isEqualTo(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING);
    } finally {
      registrations.resume("always-fails");
      registrar.register(properties.jobs());
    }
    assertThat(api.post("/api/cron/disabled-one/resume", "").status()).isEqualTo(409);
    assertThat(api.post("/api/cron/nope/pause", "").status()).isEqualTo(404);
    Api organization = api.newOrganization("org-cron-" + System.nanoTime());
    assertThat(organization.post("/api/cron/counter/pause", "").status()).isEqualTo(403);
    assertThat(organization.get("/api/cron/counter/runs").status()).isEqualTo(403);
  }

  private static JsonNode find(JsonNode list, String name) {
    for (JsonNode job : list) {
      if (job.get("name").asString().equals(name)) {
        return job;
      }
    }
    throw new AssertionError(name + " not listed in " + list);
  }
}
