package io.workerplatform.host.cron;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowServiceException;
import io.workerplatform.common.ConflictException;
import io.workerplatform.common.NotFoundException;
import io.workerplatform.cron.CronJobInput;
import io.workerplatform.cron.CronJobWorkflow;
import io.workerplatform.cron.CronRunStore;
import io.workerplatform.host.api.TemporalUnavailableException;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.springframework.core.env.Environment;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** The configured jobs with their next and last runs, read from configuration and PostgreSQL. */
@RestController
class CronApi {
  private static final ObjectMapper json = new ObjectMapper();

  record LastRun(
      String workflowId, String runId, String outcome, Map<String, Object> counts, String error,
      OffsetDateTime startedAt, OffsetDateTime finishedAt) {}

  record JobView(
      String name, String schedule, String timeZone, boolean enabled, Instant nextRunAt, LastRun lastRun) {}

  record RunStarted(String workflowId) {}

  private final CronProperties properties;
  private final CronRunStore runs;
  private final WorkflowClient client;
  private final Clock clock;
  private final boolean embedded;

  CronApi(CronProperties properties, CronRunStore runs, WorkflowClient client, Clock clock, Environment environment) {
    this.properties = properties;
    this.runs = runs;
    this.client = client;
    this.clock = clock;
    this.embedded = "embedded".equals(environment.getProperty("platform.temporal.mode"));
  }

  @GetMapping("/api/cron")
  List<JobView> list() {
    Map<String, CronRunStore.Run> latest = runs.latestByJob();
    return properties.jobs().entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .map(e -> view(e.getKey(), e.getValue(), latest.get(e.getKey())))
        .toList();
  }

  /** One run now, beside the schedule: a workflow of its own that the cron workflow never sees. */
  @PostMapping("/api/cron/{name}/run")
  ResponseEntity<RunStarted> run(@PathVariable String name) {
    CronProperties.Job job = properties.jobs().get(name);
    if (job == null) {
      throw new NotFoundException("cron job", name);
    }
    if (!job.enabled()) {
      throw new ConflictException("name", "cron job " + name + " is disabled in configuration");
    }
    String workflowId = CronJobWorkflow.manualWorkflowId(name, clock.millis());
    CronJobWorkflow workflow =
        client.newWorkflowStub(
            CronJobWorkflow.class,
            WorkflowOptions.newBuilder()
                .setWorkflowId(workflowId)
                .setTaskQueue(CronJobWorkflow.TASK_QUEUE)
                .setStaticSummary("Manual run of cron job " + name)
                .build());
    try {
      WorkflowClient.start(workflow::run, new CronJobInput(name, job.input()));
    } catch (WorkflowServiceException e) {
      throw new TemporalUnavailableException("Temporal is unreachable; try again", Map.of("job", name));
    }
    return ResponseEntity.accepted().body(new RunStarted(workflowId));
  }

  private JobView view(String name, CronProperties.Job job, CronRunStore.Run last) {
    // What the server will do: the embedded one reads every schedule in UTC.
    String zone = embedded ? "UTC" : job.timeZone();
    Instant next =
        job.enabled() && job.schedule() != null
            ? CronSchedules.next(job.schedule(), zone, clock.instant()).orElse(null)
            : null;
    LastRun lastRun =
        last == null
            ? null
            : new LastRun(last.workflowId(), last.runId(), last.outcome(), counts(last.countsJson()), last.error(),
                last.startedAt(), last.finishedAt());
    return new JobView(name, job.schedule(), job.timeZone(), job.enabled(), next, lastRun);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> counts(String countsJson) {
    try {
      return countsJson == null ? null : json.readValue(countsJson, Map.class);
    } catch (IOException e) {
      return null;
    }
  }
}
