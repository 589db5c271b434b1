package io.workerplatform.usage;

import static io.workerplatform.db.Tables.USAGE_CYCLES;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import io.workerplatform.common.ConflictException;
import io.workerplatform.common.TaskQueues;
import io.workerplatform.common.TestDatabase;
import io.workerplatform.cron.CronActivitiesImpl;
import io.workerplatform.cron.CronJobInput;
import io.workerplatform.cron.CronJobWorkflow;
import io.workerplatform.cron.CronJobWorkflowImpl;
import io.workerplatform.cron.CronRunStore;
import io.workerplatform.usage.UsageStore.Limits;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Counting against limits, and organization-limits starting cycles in each organization's time zone. */
class UsageLimitsTest {
  static TestDatabase db;
  static UsageStore usage;

  @BeforeAll
  static void start() {
    db = TestDatabase.create("usage");
    usage = new UsageStore(db.dsl, Clock.systemUTC());
  }

  @AfterAll
  static void stop() throws Exception {
    db.close();
  }

  private static String organization(String id, String timeZone) {
    return db.organization(id, timeZone);
  }

  @Test
  void concurrentTakesNeverPassTheLimitAndARefusedOneCountsNothing() throws Exception {
    String org = organization("org-count", "UTC");
    usage.putLimits(org, new Limits(5L, 1L, 10L, 1));
    List<Callable<Boolean>> takes = java.util.stream.IntStream.range(0, 20)
        .<Callable<Boolean>>mapToObj(i -> () -> usage.takeEmail(org)).toList();

    long taken;
    try (var pool = Executors.newFixedThreadPool(8)) {
      taken = pool.invokeAll(takes).stream().filter(f -> {
        try {
          return f.get();
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      }).count();
    }

    assertThat(taken).isEqualTo(5);
    assertThat(usage.usage(org).emails().used()).isEqualTo(5);
    usage.takeSignatureRequest(org);
    assertThatThrownBy(() -> usage.takeSignatureRequest(org))
        .isInstanceOfSatisfying(ConflictException.class, e -> assertThat(e.field()).isEqualTo("signatureRequests"));
    assertThat(usage.usage(org).signatureRequests().used()).isEqualTo(1);
    assertThatThrownBy(() -> usage.reserveBulkSend(org, 11))
        .isInstanceOfSatisfying(ConflictException.class, e -> assertThat(e.field()).isEqualTo("bulkSendRecipients"))
        .hasMessageContaining("what remains of the organization's bulkSendRecipients this cycle: 10");
    assertThatThrownBy(() -> usage.reserveBulkSend(org, 3))
        .as("the emails' limit is reached too")
        .isInstanceOfSatisfying(ConflictException.class, e -> assertThat(e.field()).isEqualTo("emails"));
    assertThat(usage.usage(org).bulkSendRecipients().used()).isZero();
  }

  @Test
  void anOrganizationWithoutLimitsIsCountedAndNeverRefused() {
    String org = organization("org-free", "Asia/Tokyo");

    for (int i = 0; i < 3; i++) {
      assertThat(usage.takeEmail(org)).isTrue();
    }
    usage.reserveBulkSend(org, 1_000);

    UsageStore.Usage now = usage.usage(org);
    assertThat(now.emails()).isEqualTo(new UsageStore.Counter(1_003, null));
    assertThat(now.bulkSendRecipients().remaining()).isNull();
    assertThat(now.cycleStart().atZone(ZoneId.of("Asia/Tokyo")).getDayOfMonth()).isEqualTo(1);
    assertThat(now.cycleStart().atZone(ZoneId.of("Asia/Tokyo")).getHour()).isZero();
  }

  @Test
  void theHourlyJobStartsEachOrganizationsCycleAtMidnightOfItsAnchorDayInItsOwnTimeZone() {
    // Kiritimati (+14) and Pago Pago (-11) meet the same date 25 hours apart.
    String east = organization("org-east", "Pacific/Kiritimati");
    String west = organization("org-west", "Pacific/Pago_Pago");
    // Three days on in the west: the east (at most two days ahead of it) reaches that midnight a day
    // or more after the job's first run. With two, a test started between 09:05 and 10:00 UTC had
    // the east's anchor midnight (10:00 UTC) pass before that first run, and it found one cycle.
    int anchor = LocalDate.now(ZoneId.of("Pacific/Pago_Pago")).plusDays(3).getDayOfMonth();
    usage.putLimits(east, new Limits(null, null, null, anchor));
    usage.putLimits(west, new Limits(null, null, null, anchor));
    OrganizationLimitsJob job = new OrganizationLimitsJob(usage);

    try (TestWorkflowEnvironment env = TestWorkflowEnvironment.newInstance()) {
      Worker worker = env.newWorker(TaskQueues.CRON);
      worker.registerWorkflowImplementationTypes(CronJobWorkflowImpl.class);
      worker.registerActivitiesImplementations(new CronActivitiesImpl(List.of(job), new CronRunStore(db.dsl, Clock.systemUTC())));
      env.start();
      CronJobWorkflow cron = env.getWorkflowClient().newWorkflowStub(
          CronJobWorkflow.class,
          WorkflowOptions.newBuilder().setWorkflowId("cron/" + OrganizationLimitsJob.NAME).setTaskQueue(TaskQueues.CRON)
              .setCronSchedule("5 * * * *").build());
      WorkflowClient.start(cron::run, new CronJobInput(OrganizationLimitsJob.NAME, Map.of()));

      for (int i = 0; i < 5 * 24 && cycles(west).size() < 2; i++) {
        env.sleep(Duration.ofHours(1));
      }
      WorkflowStub.fromTyped(cron).terminate("test over");
    }

    List<Instant> eastStarts = cycles(east);
    List<Instant> westStarts = cycles(west);
    assertThat(eastStarts).hasSize(2);
    assertThat(westStarts).hasSize(2);
    ZonedDateTime eastNew = eastStarts.get(1).atZone(ZoneId.of("Pacific/Kiritimati"));
    ZonedDateTime westNew = westStarts.get(1).atZone(ZoneId.of("Pacific/Pago_Pago"));
    assertThat(List.of(eastNew.getDayOfMonth(), eastNew.getHour(), westNew.getDayOfMonth(), westNew.getHour()))
        .containsExactly(anchor, 0, anchor, 0);
    assertThat(Duration.between(eastStarts.get(1), westStarts.get(1))).isEqualTo(Duration.ofHours(25));
    // each new cycle begins where the one before ends: nothing counted twice or lost
    assertThat(db.dsl.fetchValue(USAGE_CYCLES.CYCLE_END,
            USAGE_CYCLES.ORG_ID.eq(west).and(USAGE_CYCLES.CYCLE_START.eq(westStarts.get(0).atOffset(java.time.ZoneOffset.UTC))))
        .toInstant()).isEqualTo(westStarts.get(1));
    // a rerun at the same time starts nothing
    assertThat(job.run(Map.of(), westStarts.get(1).plusSeconds(60), () -> {})).containsEntry("started", 0L);
  }

  private static List<Instant> cycles(String org) {
    return db.dsl.select(USAGE_CYCLES.CYCLE_START).from(USAGE_CYCLES).where(USAGE_CYCLES.ORG_ID.eq(org))
        .orderBy(USAGE_CYCLES.CYCLE_START).fetch(r -> r.value1().toInstant());
  }
}
