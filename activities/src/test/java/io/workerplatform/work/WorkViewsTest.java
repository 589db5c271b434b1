package io.workerplatform.work;

import static io.workerplatform.db.Tables.CRON_RUNS;
import static io.workerplatform.db.Tables.EMAIL_MESSAGES;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.workerplatform.common.TestDatabase;
import io.workerplatform.cron.CronWork;
import io.workerplatform.email.EmailRequestStore;
import io.workerplatform.email.EmailWork;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The queue stats: each kind's waiting and running work now, its completed and failed work by window. */
class WorkViewsTest {
  static TestDatabase db;
  static final Instant NOW = Instant.parse("2026-12-07T12:00:00Z");
  static final OffsetDateTime AT = NOW.atOffset(ZoneOffset.UTC);

  @BeforeAll
  static void start() {
    db = TestDatabase.create("work_views");
    db.organizations().create("org-a", "A");
    db.organizations().create("org-b", "B");
  }

  @AfterAll
  static void stop() throws Exception {
    db.close();
  }

  private static void email(String orgId, String state, OffsetDateTime updated) {
    String id = new EmailRequestStore(db.dsl, Clock.systemUTC(), TestDatabase.JSON)
        .create(new EmailRequestStore.NewEmail(orgId, null, null, "x@example.com", "document-expiry", "{}", null))
        .email().id();
    db.dsl.update(EMAIL_MESSAGES).set(EMAIL_MESSAGES.STATE, state).set(EMAIL_MESSAGES.UPDATED_AT, updated)
        .set(EMAIL_MESSAGES.CREATED_AT, updated.minusMinutes(1))
        .where(EMAIL_MESSAGES.DEDUPE_KEY.eq("app/" + orgId + "/" + id)).execute();
  }

  private static void cronRun(String id, String outcome, OffsetDateTime finished) {
    db.dsl.insertInto(CRON_RUNS).set(CRON_RUNS.RUN_ID, id).set(CRON_RUNS.WORKFLOW_ID, "cron/x").set(CRON_RUNS.JOB, "x")
        .set(CRON_RUNS.OUTCOME, outcome).set(CRON_RUNS.STARTED_AT, AT.minusDays(3)).set(CRON_RUNS.FINISHED_AT, finished)
        .execute();
  }

  @Test
  void workIsCountedAsWaitingRunningAndCompletedOrFailedInTheLastHourAndDayPerOrganization() {
    email("org-a", "QUEUED", AT.minusDays(2));
    email("org-a", "SENDING", AT.minusMinutes(1));
    email("org-a", "SENT", AT.minusMinutes(30));
    email("org-a", "SUPPRESSED", AT.minusHours(5));
    email("org-a", "SENT", AT.minusDays(2));
    email("org-a", "FAILED", AT.minusMinutes(59));
    email("org-a", "FAILED", AT.minusHours(23));
    email("org-b", "FAILED", AT.minusMinutes(5));
    cronRun("run-1", "SUCCEEDED", AT.minusMinutes(10));
    cronRun("run-2", "FAILED", AT.minusHours(2));
    cronRun("run-3", "RUNNING", null);
    WorkViews views = new WorkViews(db.dsl, List.of(CronWork.KIND, EmailWork.KIND), List.of());

    Map<String, Map<String, Long>> orgA = views.counts("org-a", NOW);

    // a kind of no organization is counted in the platform's stats only
    assertThat(orgA).containsOnlyKeys("emailMessages");
    assertThat(orgA.get("emailMessages")).containsExactly(
        Map.entry("QUEUED", 1L), Map.entry("SENDING", 1L), Map.entry("SENT", 2L), Map.entry("FAILED", 2L),
        Map.entry("SUPPRESSED", 1L), Map.entry("SKIPPED_NOT_ALLOWED", 0L), Map.entry("SKIPPED_LIMIT", 0L),
        Map.entry("SKIPPED_ERASED", 0L),
        Map.entry("waiting", 1L), Map.entry("running", 1L), Map.entry("completedLastHour", 1L),
        Map.entry("completedLastDay", 2L), Map.entry("failedLastHour", 1L), Map.entry("failedLastDay", 2L));

    Map<String, Map<String, Long>> all = views.counts(null, NOW);
    assertThat(all.keySet()).containsExactly("emailMessages", "cronRuns");
    assertThat(all.get("emailMessages")).containsEntry("failedLastHour", 2L).containsEntry("failedLastDay", 3L);
    assertThat(all.get("cronRuns")).containsEntry("RUNNING", 1L).containsEntry("running", 1L).containsEntry("waiting", 0L)
        .containsEntry("completedLastHour", 1L).containsEntry("failedLastHour", 0L).containsEntry("failedLastDay", 1L);
  }

  @Test
  void aKindWhosePhasesNameAStatusItDoesNotHaveIsRefused() {
    assertThatThrownBy(() -> new WorkKind<>(
            "x", "x", "X", 1, CRON_RUNS, CRON_RUNS.RUN_ID, null, CRON_RUNS.OUTCOME, CRON_RUNS.STARTED_AT,
            List.of("RUNNING"), Function.identity(), r -> r,
            new Phases(CRON_RUNS.FINISHED_AT, List.of(), List.of("RUNNING"), List.of("SUCCEEDED"), List.of())))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("the phases of x name a status it does not have");
  }
}
