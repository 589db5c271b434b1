package io.workerplatform.host.cron;

import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionDescription;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowServiceException;
import io.workerplatform.common.ConflictException;
import io.workerplatform.common.NotFoundException;
import io.workerplatform.cron.CronJobInput;
import io.workerplatform.cron.CronJobWorkflow;
import io.workerplatform.common.CountsJson;
import io.workerplatform.cron.CronRegistrations;
import io.workerplatform.cron.CronRunStore;
import io.workerplatform.common.Page;
import io.workerplatform.host.api.Paging;
import io.workerplatform.host.api.TemporalUnavailableException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Service;
import tools.jackson.databind.json.JsonMapper;

/**
 * The configured jobs with their next and last runs, read from configuration and PostgreSQL, and
 * what an operator does with them (run now, pause, resume): what the REST API and the console
 * both call.
 */
@Service
public class CronJobs {
  public record RunView(
      String workflowId, String runId, String outcome, Map<String, Long> counts, String error,
      OffsetDateTime startedAt, OffsetDateTime finishedAt) {}

  /**
   * @param enabled in configuration ({@code platform.cron.jobs.<name>.enabled})
   * @param pausedAt when the job was paused through the API; null when it is not paused
   * @param nextRunAt null for a disabled or paused job
   */
  public record JobView(
      String name, String schedule, String timeZone, boolean enabled, boolean paused, Instant pausedAt,
      Instant nextRunAt, RunView lastRun) {}

  public record RunStarted(String workflowId) {}

  private final CronProperties properties;
  private final CronRunStore runs;
  private final CronRegistrations registrations;
  private final CronRegistrar registrar;
  private final WorkflowClient client;
  private final Clock clock;
  private final boolean embedded;
  private final JsonMapper json;

  CronJobs(
      CronProperties properties, CronRunStore runs, CronRegistrations registrations, CronRegistrar registrar,
      WorkflowClient client, Clock clock, Environment environment, JsonMapper json) {
    this.json = json;
    this.properties = properties;
    this.runs = runs;
    this.registrations = registrations;
    this.registrar = registrar;
    this.client = client;
    this.clock = clock;
    this.embedded = "embedded".equals(environment.getProperty("platform.temporal.mode"));
  }

  public List<JobView> list() {
    Map<String, CronRunStore.Run> latest = runs.latestByJob();
    Map<String, OffsetDateTime> paused = registrations.paused();
    return properties.jobs().entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .map(e -> view(e.getKey(), e.getValue(), latest.get(e.getKey()), paused.get(e.getKey())))
        .toList();
  }

  public JobView get(String name) {
    CronProperties.Job job = job(name);
    return view(name, job, runs.latestByJob().get(name), registrations.paused().get(name));
  }

  /** The job's runs, newest first (scheduled and manual). */
  public Page<RunView> runs(String name, Integer limit, String cursor) {
    job(name);
    Page<CronRunStore.Run> page = runs.runs(name, Paging.limit(limit), Paging.after(cursor));
    return new Page<>(page.items().stream().map(this::runView).toList(), page.nextCursor());
  }

  /**
   * Stops the job's cron workflow (a run in progress ends with it) and keeps it stopped, on every
   * host, until resumed: the pause is stored in PostgreSQL, where every host's registrar reads it.
   */
  public JobView pause(String name) {
    job(name);
    registrations.pause(name);
    reregister();
    return get(name);
  }

  /** Starts the job's cron workflow again; a job disabled in configuration stays disabled (409). */
  public JobView resume(String name) {
    CronProperties.Job job = job(name);
    if (!job.enabled()) {
      throw new ConflictException("name", "cron job " + name + " is disabled in configuration; resume cannot enable it");
    }
    registrations.resume(name);
    reregister();
    return get(name);
  }

  private void reregister() {
    try {
      registrar.register(properties.jobs());
    } catch (WorkflowServiceException e) {
      // Stored: the next registration (any host's start-up, or the next pause or resume) applies it.
      throw new TemporalUnavailableException("Temporal is unreachable; the change is stored, try again", Map.of());
    }
  }

  private CronProperties.Job job(String name) {
    CronProperties.Job job = properties.jobs().get(name);
    if (job == null) {
      throw new NotFoundException("cron job", name);
    }
    return job;
  }

  /** One run now, beside the schedule: a workflow of its own that the cron workflow never sees. */
  public RunStarted run(String name) {
    CronProperties.Job job = job(name);
    if (!job.enabled()) {
      throw new ConflictException("name", "cron job " + name + " is disabled in configuration");
    }
    requireNotRunning(name);
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
    return new RunStarted(workflowId);
  }

  /**
   * Two runs of one job at once may undo each other's work (a digest run taking notifications into
   * a window whose email the other already sent): a manual run waits for the job's scheduled run,
   * or another manual one, to end. Running: a recorded run whose workflow still runs, or the
   * scheduled workflow with its job's activity in flight (a run that has not recorded itself yet).
   */
  private void requireNotRunning(String name) {
    try {
      for (CronRunStore.Run run : runs.unfinished(name)) {
        if (isRunning(run.workflowId(), Optional.of(run.runId()), false)) {
          throw new ConflictException("name", "cron job " + name + " is running (" + run.workflowId() + "); run it when that run has ended");
        }
      }
      if (isRunning(CronJobWorkflow.workflowId(name), Optional.empty(), true)) {
        throw new ConflictException("name", "cron job " + name + "'s scheduled run is running; run it when that run has ended");
      }
    } catch (WorkflowServiceException e) {
      throw new TemporalUnavailableException("Temporal is unreachable; try again", Map.of("job", name));
    }
  }

  private boolean isRunning(String workflowId, Optional<String> runId, boolean onlyWithActivities) {
    WorkflowExecutionDescription description;
    try {
      description = client.newUntypedWorkflowStub(workflowId, runId, Optional.empty()).describe();
    } catch (WorkflowNotFoundException e) {
      return false;
    }
    return description.getStatus() == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING
        && (!onlyWithActivities || !description.getRawDescription().getPendingActivitiesList().isEmpty());
  }

  private JobView view(String name, CronProperties.Job job, CronRunStore.Run last, OffsetDateTime pausedAt) {
    // What the server will do: the embedded one reads every schedule in UTC.
    String zone = embedded ? "UTC" : job.timeZone();
    Instant next =
        job.enabled() && pausedAt == null && job.schedule() != null
            ? CronSchedules.next(job.schedule(), zone, clock.instant()).orElse(null)
            : null;
    RunView lastRun = last == null ? null : runView(last);
    return new JobView(
        name, job.schedule(), job.timeZone(), job.enabled(), pausedAt != null,
        pausedAt == null ? null : pausedAt.toInstant(), next, lastRun);
  }

  private RunView runView(CronRunStore.Run run) {
    return new RunView(
        run.workflowId(), run.runId(), run.outcome(), run.countsJson() == null ? null : CountsJson.read(json, run.countsJson()), run.error(), run.startedAt(),
        run.finishedAt());
  }
}
