package io.workerplatform.host.cron;

import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.workerplatform.cron.CronJobInput;
import io.workerplatform.cron.CronJobWorkflow;
import io.workerplatform.cron.CronRegistrations;
import io.workerplatform.cron.CronRegistrations.Registration;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import java.util.TreeMap;

/**
 * Brings the cron workflows in line with configuration and the pauses stored in PostgreSQL: an
 * enabled job that is not paused runs as {@code cron/<name>} with its configured schedule (kept
 * when unchanged, replaced when changed); a disabled, paused or removed job is stopped. Run at start-up by a host that serves the {@code cron} queue; running it again
 * changes nothing.
 */
class CronRegistrar {
  private static final Logger log = LoggerFactory.getLogger(CronRegistrar.class);

  enum Action { STARTED, KEPT, REPLACED, STOPPED, ABSENT }

  private final WorkflowClient client;
  private final CronRegistrations registrations;
  private final boolean embedded;

  CronRegistrar(WorkflowClient client, CronRegistrations registrations, boolean embedded) {
    this.client = client;
    this.registrations = registrations;
    this.embedded = embedded;
  }

  /** Several hosts may start at once: each registers under a lock shared through PostgreSQL. */
  Map<String, Action> register(Map<String, CronProperties.Job> jobs) {
    jobs.forEach(CronSchedules::validate);
    return registrations.exclusively(() -> registerLocked(jobs));
  }

  private Map<String, Action> registerLocked(Map<String, CronProperties.Job> jobs) {
    Map<String, Action> actions = new TreeMap<>();
    Set<String> known = new HashSet<>(registrations.jobs());
    known.addAll(jobs.keySet());
    Set<String> paused = registrations.paused().keySet();
    for (String job : known) {
      CronProperties.Job config = jobs.get(job);
      boolean wanted = config != null && config.enabled() && !paused.contains(job);
      Action action = wanted ? ensureRunning(job, config) : stop(job, paused.contains(job) ? "paused" : "disabled in configuration");
      actions.put(job, action);
      log.info("Cron job {}: {}", job, action);
    }
    return actions;
  }

  private Action ensureRunning(String job, CronProperties.Job config) {
    Registration wanted = new Registration(job, config.schedule().strip(), config.timeZone(), config.input());
    boolean running = isRunning(job);
    if (running && registrations.find(job).filter(wanted::equals).isPresent()) {
      return Action.KEPT;
    }
    if (running) {
      terminate(job, "schedule, time zone or input changed");
    }
    if (embedded && !CronSchedules.isUtc(config.timeZone())) {
      log.warn(
          "Cron job {}: the embedded Temporal server reads cron schedules in UTC only; '{}' runs in UTC here, not in {}",
          job, config.schedule(), config.timeZone());
    }
    String schedule = CronSchedules.temporalSchedule(config.schedule(), config.timeZone(), embedded);
    CronJobWorkflow workflow =
        client.newWorkflowStub(
            CronJobWorkflow.class,
            WorkflowOptions.newBuilder()
                .setWorkflowId(CronJobWorkflow.workflowId(job))
                .setTaskQueue(CronJobWorkflow.TASK_QUEUE)
                .setCronSchedule(schedule)
                .setMemo(Map.of(CronJobWorkflow.MEMO_SCHEDULE, wanted.schedule(), CronJobWorkflow.MEMO_TIME_ZONE, wanted.timeZone()))
                .setStaticSummary("Cron job " + job + ": " + schedule)
                .build());
    try {
      WorkflowClient.start(workflow::run, new CronJobInput(job, config.input()));
    } catch (WorkflowExecutionAlreadyStarted startedMeanwhile) {
      // A host without the lock (an older version) started it between our check and our start.
      registrations.save(wanted, CronJobWorkflow.workflowId(job));
      return Action.KEPT;
    }
    registrations.save(wanted, CronJobWorkflow.workflowId(job));
    return running ? Action.REPLACED : Action.STARTED;
  }

  private Action stop(String job, String reason) {
    registrations.delete(job);
    if (!isRunning(job)) {
      return Action.ABSENT;
    }
    terminate(job, reason);
    return Action.STOPPED;
  }

  private boolean isRunning(String job) {
    try {
      return stub(job).describe().getStatus() == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING;
    } catch (WorkflowNotFoundException e) {
      return false;
    }
  }

  /** Terminated, not cancelled: a cron workflow's runs only end by termination. */
  private void terminate(String job, String reason) {
    try {
      stub(job).terminate(reason);
    } catch (WorkflowNotFoundException e) {
      // ended meanwhile
    }
  }

  private WorkflowStub stub(String job) {
    return client.newUntypedWorkflowStub(CronJobWorkflow.workflowId(job), Optional.empty(), Optional.empty());
  }
}
