package io.workerplatform.cron;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class CronJobWorkflowTest {

  @RegisterExtension
  static final TestWorkflowExtension testWorkflow =
      TestWorkflowExtension.newBuilder()
          .registerWorkflowImplementationTypes(CronJobWorkflowImpl.class)
          .setDoNotStart(true)
          .build();

  static CronJobWorkflow stub(TestWorkflowEnvironment env, Worker worker, String workflowId, String cron) {
    WorkflowOptions.Builder options =
        WorkflowOptions.newBuilder().setWorkflowId(workflowId).setTaskQueue(worker.getTaskQueue());
    if (cron != null) {
      options.setCronSchedule(cron);
    }
    return env.getWorkflowClient().newWorkflowStub(CronJobWorkflow.class, options.build());
  }

  @Test
  void aRunRecordsTheJobsCounts(TestWorkflowEnvironment env, Worker worker) {
    var activities = new RecordingCronActivities(true);
    worker.registerActivitiesImplementations(activities);
    env.start();

    CronRunResult result =
        stub(env, worker, "cron/cleanup/manual/1", null).run(new CronJobInput("cleanup", Map.of("olderThanDays", "7")));

    assertThat(result).isEqualTo(new CronRunResult("cleanup", CronRunResult.SUCCEEDED, Map.of("rows", 10L), null));
    assertThat(activities.recorded).containsExactly(result);
    CronActivities.CronRun run = activities.started.get(0);
    assertThat(run.job()).isEqualTo("cleanup");
    assertThat(run.workflowId()).isEqualTo("cron/cleanup/manual/1");
    assertThat(run.runId()).isNotBlank();
    assertThat(run.input()).containsEntry("olderThanDays", "7");
    // The workflow's time is its start event's; the server's clock now says nothing: with nothing
    // left to run, the time-skipping server may have jumped ahead (ten years, to a run timeout).
    var started = env.getWorkflowClient().fetchHistory("cron/cleanup/manual/1").getEvents().get(0).getEventTime();
    assertThat(Duration.between(run.now(), java.time.Instant.ofEpochSecond(started.getSeconds(), started.getNanos())).abs())
        .as("the workflow's time").isLessThan(Duration.ofSeconds(5));
  }

  @Test
  void aFailedRunIsRecordedAndTheScheduleGoesOn(TestWorkflowEnvironment env, Worker worker) {
    var activities = new RecordingCronActivities(false, true, true);
    worker.registerActivitiesImplementations(activities);
    env.start();
    CronJobWorkflow cron = stub(env, worker, "cron/hourly", "0 * * * *");
    WorkflowClient.start(cron::run, new CronJobInput("hourly", Map.of()));

    // hourly runs: wait for three (the test server's skipping may overshoot a long sleep by a run)
    for (int i = 0; i < 12 && activities.recorded.size() < 3; i++) {
      env.sleep(Duration.ofMinutes(30));
    }
    WorkflowStub.fromTyped(cron).terminate("test over");

    assertThat(activities.recorded.subList(0, 3)).extracting(CronRunResult::outcome)
        .containsExactly(CronRunResult.FAILED, CronRunResult.SUCCEEDED, CronRunResult.SUCCEEDED);
    assertThat(activities.recorded.get(0).error()).isEqualTo("JobFailed: job blew up");
    assertThat(activities.started).extracting(CronActivities.CronRun::runId).doesNotHaveDuplicates();
    assertThat(activities.started).extracting(CronActivities.CronRun::workflowId).containsOnly("cron/hourly");
    // Each run's "now" is its own workflow time: skipped time moves it an hour per run.
    assertThat(Duration.between(activities.started.get(0).now(), activities.started.get(2).now()))
        .isBetween(Duration.ofMinutes(119), Duration.ofMinutes(121));
  }

  @Test
  void aMissingJobNameFailsTheRunNamingTheField(TestWorkflowEnvironment env, Worker worker) {
    var activities = new RecordingCronActivities(true);
    worker.registerActivitiesImplementations(activities);
    env.start();

    CronJobWorkflow workflow = stub(env, worker, "cron/nameless", null);
    WorkflowClient.start(workflow::run, new CronJobInput(" ", Map.of()));

    assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> WorkflowStub.fromTyped(workflow).getResult(CronRunResult.class)))
        .cause()
        .isInstanceOfSatisfying(io.temporal.failure.ApplicationFailure.class, failure -> {
          assertThat(failure.getType()).isEqualTo(io.workerplatform.common.InvalidInput.TYPE);
          assertThat(failure.getOriginalMessage()).isEqualTo("job is required");
        });
    assertThat(activities.started).isEmpty();
  }
}
