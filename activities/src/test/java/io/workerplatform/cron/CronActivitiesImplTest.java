package io.workerplatform.cron;

import static io.workerplatform.db.Tables.CRON_RUNS;
import static io.workerplatform.db.Tables.WEBHOOK_ATTEMPTS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.workerplatform.webhooks.WebhookAttemptsCleanup;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestActivityEnvironment;
import io.workerplatform.common.InvalidInput;
import io.workerplatform.common.TestDatabase;
import io.workerplatform.webhooks.WebhookStore;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The cron activities and the built-in cleanup job against PostgreSQL. */
class CronActivitiesImplTest {
  static TestDatabase db;
  static String deliveryId;

  @BeforeAll
  static void database() {
    db = TestDatabase.create("cron_activities");
    WebhookStore webhooks = db.webhookStore();
    db.organizations().create("acme", "Acme");
    db.subscriptionStore().create("acme", "https://hooks.example.com/x", List.of("petition.signed"));
    deliveryId = db.storeEvent("acme", "evt-1", "petition.signed", "{}").deliveryIds().get(0);
  }

  @AfterAll
  static void close() throws Exception {
    db.close();
  }

  static void attempt(int number, int daysAgo) {
    db.dsl.insertInto(WEBHOOK_ATTEMPTS)
        .set(WEBHOOK_ATTEMPTS.DELIVERY_ID, deliveryId)
        .set(WEBHOOK_ATTEMPTS.ORG_ID, "acme")
        .set(WEBHOOK_ATTEMPTS.NUMBER, number)
        .set(WEBHOOK_ATTEMPTS.ATTEMPT_KEY, deliveryId + "/" + number)
        .set(WEBHOOK_ATTEMPTS.OUTCOME, "FAILED")
        .set(WEBHOOK_ATTEMPTS.STARTED_AT, OffsetDateTime.now(ZoneOffset.UTC).minusDays(daysAgo))
        .set(WEBHOOK_ATTEMPTS.DURATION_MS, 12)
        .execute();
  }

  /** Runs the activity as a worker would, with an activity context to heartbeat into. */
  static Map<String, Long> runJob(CronActivitiesImpl activities, CronActivities.CronRun run) {
    TestActivityEnvironment env = TestActivityEnvironment.newInstance();
    try {
      env.registerActivitiesImplementations(activities);
      return env.newActivityStub(CronActivities.class, io.temporal.activity.ActivityOptions.newBuilder()
              .setStartToCloseTimeout(java.time.Duration.ofMinutes(1))
              .setRetryOptions(io.temporal.common.RetryOptions.newBuilder().setMaximumAttempts(1).build())
              .build())
          .runJob(run);
    } finally {
      env.close();
    }
  }

  @Test
  void theCleanupDeletesOldAttemptsInBatchesAndIsIdempotent() {
    for (int i = 1; i <= 5; i++) {
      attempt(i, 100);
    }
    attempt(6, 10);
    CronRunStore runs = new CronRunStore(db.dsl, Clock.systemUTC());
    var activities = new CronActivitiesImpl(List.of(new WebhookAttemptsCleanup(db.dsl)), runs);
    var run = new CronActivities.CronRun(WebhookAttemptsCleanup.NAME, "cron/x", "run-1", Map.of("olderThanDays", "90", "batchSize", "2"));

    assertThat(runJob(activities, run)).containsEntry("deleted", 5L);
    assertThat(runJob(activities, new CronActivities.CronRun(run.job(), "cron/x", "run-2", run.input())))
        .containsEntry("deleted", 0L);

    assertThat(db.dsl.select(WEBHOOK_ATTEMPTS.NUMBER).from(WEBHOOK_ATTEMPTS).fetch(WEBHOOK_ATTEMPTS.NUMBER)).containsExactly(6);
    activities.recordOutcome(run, new CronRunResult(run.job(), CronRunResult.SUCCEEDED, Map.of("deleted", 5L), null));
    var row = db.dsl.fetchSingle(CRON_RUNS, CRON_RUNS.RUN_ID.eq("run-1"));
    assertThat(row.getOutcome()).isEqualTo(CronRunResult.SUCCEEDED);
    assertThat(row.getCounts().data()).contains("\"deleted\"").contains("5");
    assertThat(row.getFinishedAt()).isAfterOrEqualTo(row.getStartedAt());
    assertThat(runs.latestByJob().get(run.job()).runId()).isIn("run-1", "run-2");
  }

  @Test
  void badInputAndUnknownJobsFailForGoodNamingWhatIsWrong() {
    var activities = new CronActivitiesImpl(
        List.of(new WebhookAttemptsCleanup(db.dsl)), new CronRunStore(db.dsl, Clock.systemUTC()));

    assertThatThrownBy(() -> runJob(activities, new CronActivities.CronRun(WebhookAttemptsCleanup.NAME, "cron/y", "run-bad", Map.of("olderThanDays", "soon"))))
        .rootCause()
        .isInstanceOfSatisfying(ApplicationFailure.class, f -> {
          assertThat(f.getType()).isEqualTo(InvalidInput.TYPE);
          assertThat(f.getOriginalMessage()).startsWith("input.olderThanDays must be a positive whole number");
        });
    assertThatThrownBy(() -> runJob(activities, new CronActivities.CronRun("nope", "cron/z", "run-nope", Map.of())))
        .rootCause()
        .isInstanceOfSatisfying(ApplicationFailure.class, f -> assertThat(f.getType()).isEqualTo(CronActivities.UNKNOWN_JOB));
    assertThat(db.dsl.fetchCount(CRON_RUNS, CRON_RUNS.RUN_ID.eq("run-nope"))).isZero();
  }
}
