package io.workerplatform.reports;

import static io.workerplatform.db.Tables.EMAIL_MESSAGES;
import static io.workerplatform.db.Tables.REPORT_SCHEDULES;
import static io.workerplatform.db.Tables.WEBHOOK_DELIVERIES;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import io.workerplatform.common.TaskQueues;
import io.workerplatform.common.TestDatabase;
import io.workerplatform.cron.CronActivitiesImpl;
import io.workerplatform.cron.CronJobInput;
import io.workerplatform.cron.CronJobWorkflow;
import io.workerplatform.cron.CronJobWorkflowImpl;
import io.workerplatform.cron.CronRunStore;
import io.workerplatform.email.EmailReport;
import io.workerplatform.email.EmailRequestStore;
import io.workerplatform.events.EventStore.NewEvent;
import io.workerplatform.events.PlatformEvents;
import io.workerplatform.files.FileStorage;
import io.workerplatform.files.LocalDirectoryFileStorage;
import io.workerplatform.members.MemberStore;
import io.workerplatform.reports.ReportStore.Report;
import io.workerplatform.reports.ReportStore.Schedule;
import io.workerplatform.usage.UsageReport;
import io.workerplatform.webhooks.DeliveryReport;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The cron job {@code scheduled-reports}: once per schedule and period, announced once, expired. */
class ScheduledReportsTest {
  // a database per test: the job runs over every organization's schedules
  TestDatabase db;
  ReportStore store;
  @TempDir Path dir;

  @BeforeEach
  void start() {
    db = TestDatabase.create("scheduled_reports");
    store = new ReportStore(db.dsl, Clock.systemUTC());
  }

  @AfterEach
  void stop() throws Exception {
    db.close();
  }

  private String member(String orgId, String email) {
    return new MemberStore(db.dsl, Clock.systemUTC())
        .create(orgId, new MemberStore.NewMember(email, "Ana", "ADMIN", "UTC", "en")).id();
  }

  private String email(String orgId, OffsetDateTime created) {
    String id = new EmailRequestStore(db.dsl, Clock.systemUTC(), TestDatabase.JSON)
        .create(new EmailRequestStore.NewEmail(orgId, null, null, "x@example.com", "document-expiry", "{}", null))
        .email().id();
    db.dsl.update(EMAIL_MESSAGES).set(EMAIL_MESSAGES.CREATED_AT, created)
        .where(EMAIL_MESSAGES.DEDUPE_KEY.eq("app/" + orgId + "/" + id)).execute();
    return id;
  }

  private ScheduledReportsJob job(FileStorage storage, PlatformEvents events, Duration validity) {
    return new ScheduledReportsJob(store, db.dsl, List.of(new DeliveryReport(), new EmailReport(), new UsageReport()),
        storage, events, TestDatabase.JSON, validity);
  }

  private static String csv(FileStorage storage, Report report) throws IOException {
    return new String(storage.get(report.storageKey()), StandardCharsets.UTF_8);
  }

  @Test
  void aWeeklyScheduleBuildsEachWeeksReportOnceAndAnnouncesItOnceThroughTheCronWorkflow() throws Exception {
    String org = db.organization("org-reports-weekly", "Europe/Madrid");
    ZoneId madrid = ZoneId.of("Europe/Madrid");
    String ana = member(org, "ana@example.com");
    Schedule schedule = store.create(org, "emails", ReportStore.WEEKLY, List.of(ana));
    // the first week that ends after the schedule was created, and the one after it
    ReportPeriods first = ReportPeriods.latestEnded(ReportStore.WEEKLY, Instant.now().plus(Duration.ofDays(7)), madrid);
    String before = email(org, first.from().minusMinutes(1));
    String inFirst1 = email(org, first.from());
    String inFirst2 = email(org, first.until().minusSeconds(1));
    String inSecond = email(org, first.until().plusDays(3));
    FileStorage storage = new LocalDirectoryFileStorage(dir);
    List<NewEvent> published = new CopyOnWriteArrayList<>();

    try (TestWorkflowEnvironment env = TestWorkflowEnvironment.newInstance()) {
      PlatformEvents events = event -> {
        published.add(event);
        db.eventStore().store(event);
      };
      Worker worker = env.newWorker(TaskQueues.CRON);
      worker.registerWorkflowImplementationTypes(CronJobWorkflowImpl.class);
      worker.registerActivitiesImplementations(new CronActivitiesImpl(
          List.of(job(storage, events, Duration.ofDays(60))), new CronRunStore(db.dsl, Clock.systemUTC())));
      env.start();
      CronJobWorkflow cron = env.getWorkflowClient().newWorkflowStub(CronJobWorkflow.class,
          WorkflowOptions.newBuilder().setWorkflowId("cron/" + ScheduledReportsJob.NAME).setTaskQueue(TaskQueues.CRON)
              .setCronSchedule("20 */12 * * *").build());
      WorkflowClient.start(cron::run, new CronJobInput(ScheduledReportsJob.NAME, Map.of()));
      // until a run after the second week ended, and before the third ends, whatever today is
      Instant secondEnded = first.until().plusWeeks(1).toInstant();
      env.sleep(Duration.between(Instant.ofEpochMilli(env.currentTimeMillis()), secondEnded).plusHours(13));
      WorkflowStub.fromTyped(cron).terminate("test over");
    }

    List<Report> reports = store.reports(org, schedule.id(), 10, Optional.empty()).items();
    assertThat(reports).extracting(Report::periodStart)
        .containsExactly(first.start().plusWeeks(1), first.start());
    assertThat(reports).allSatisfy(r -> {
      assertThat(r.status()).isEqualTo(ReportStore.READY);
      assertThat(r.recipientIds()).containsExactly(ana);
      assertThat(r.periodEnd()).isEqualTo(r.periodStart().plusWeeks(1));
    });
    Report firstReport = reports.get(1);
    assertThat(firstReport.rows()).isEqualTo(2);
    String[] lines = csv(storage, firstReport).split("\r\n");
    assertThat(lines[0]).isEqualTo(
        "emailId,bulkSendId,template,contactId,memberId,status,delivery,inDoubt,error,createdAt,updatedAt");
    assertThat(lines).hasSize(3);
    assertThat(lines[1]).startsWith(inFirst1 + ",,document-expiry,,,QUEUED,,false,,");
    assertThat(lines[2]).startsWith(inFirst2 + ",");
    assertThat(csv(storage, firstReport)).doesNotContain(before).doesNotContain(inSecond).doesNotContain("x@example.com");
    assertThat(firstReport.sizeBytes()).isEqualTo(csv(storage, firstReport).getBytes(StandardCharsets.UTF_8).length);
    assertThat(reports.get(0).rows()).isEqualTo(1);
    assertThat(csv(storage, reports.get(0))).contains(inSecond);
    // announced once each, whatever the number of runs after
    assertThat(published).extracting(NewEvent::eventId)
        .containsExactly("report-ready-" + firstReport.id(), "report-ready-" + reports.get(0).id());
    assertThat(published.get(0).type()).isEqualTo("report.ready");
    assertThat(published.get(0).entityId()).isEqualTo(firstReport.id());
    assertThat(TestDatabase.JSON.readTree(published.get(0).dataJson()).toString()).isEqualTo(
        "{\"reportId\":\"" + firstReport.id() + "\",\"kind\":\"emails\",\"period\":\"WEEKLY\",\"periodStart\":\""
            + first.start() + "\",\"periodEnd\":\"" + first.end() + "\"}");
  }

  @Test
  void aFailedBuildIsRecordedWithoutStoppingTheOthersAndBuiltAgainAtTheNextRunThenItsFileExpires() throws Exception {
    String failing = db.organization("org-reports-failing", "UTC");
    String fine = db.organization("org-reports-fine", "America/New_York");
    Schedule broken = store.create(failing, "usage", ReportStore.MONTHLY, List.of(member(failing, "a@example.com")));
    Schedule working = store.create(fine, "deliveries", ReportStore.MONTHLY, List.of(member(fine, "b@example.com")));
    backdate(broken, working);
    // a delivery of last month in New York's time
    Instant now = Instant.now();
    ReportPeriods lastMonth = ReportPeriods.latestEnded(ReportStore.MONTHLY, now, ZoneId.of("America/New_York"));
    String event = db.storeEvent(fine, "e-report", "petition.completed", "{}").id();
    String subscription = db.subscriptionStore().create(fine, "https://example.com/h", List.of("petition.completed")).id();
    db.dsl.insertInto(WEBHOOK_DELIVERIES).set(WEBHOOK_DELIVERIES.ID, "dlv-report-1").set(WEBHOOK_DELIVERIES.ORG_ID, fine)
        .set(WEBHOOK_DELIVERIES.EVENT_ID, event).set(WEBHOOK_DELIVERIES.SUBSCRIPTION_ID, subscription)
        .set(WEBHOOK_DELIVERIES.STATUS, "FAILED").set(WEBHOOK_DELIVERIES.ATTEMPTS, 5)
        .set(WEBHOOK_DELIVERIES.LAST_ERROR, "=HYPERLINK(\"x\"), HTTP 500")
        .set(WEBHOOK_DELIVERIES.CREATED_AT, lastMonth.from().plusHours(1)).execute();
    FileStorage local = new LocalDirectoryFileStorage(dir);
    AtomicBoolean down = new AtomicBoolean(true);
    FileStorage flaky = new FileStorage() {
      @Override
      public void write(String key, Writer writer) throws IOException {
        if (down.get() && key.startsWith("reports/" + failing + "/")) {
          throw new IOException("disk full");
        }
        local.write(key, writer);
      }

      @Override
      public InputStream open(String key) throws IOException {
        return local.open(key);
      }

      @Override
      public void delete(String key) throws IOException {
        local.delete(key);
      }
    };
    List<NewEvent> published = new CopyOnWriteArrayList<>();
    ScheduledReportsJob job = job(flaky, published::add, Duration.ofDays(7));

    // one organization's schedules only, then everyone's
    Map<String, Long> fineOnly = job.run(Map.of("orgId", fine), now, () -> {});
    Map<String, Long> firstRun = job.run(Map.of(), now, () -> {});

    assertThat(fineOnly).containsEntry("built", 1L).containsEntry("failed", 0L).containsEntry("announced", 1L);
    assertThat(firstRun).containsEntry("built", 0L).containsEntry("failed", 1L).containsEntry("announced", 0L);
    Report failed = store.reports(failing, broken.id(), 10, Optional.empty()).items().get(0);
    assertThat(failed.status()).isEqualTo(ReportStore.FAILED);
    assertThat(failed.failureReason()).isEqualTo("the file could not be stored");
    Report built = store.reports(fine, working.id(), 10, Optional.empty()).items().get(0);
    assertThat(built.status()).isEqualTo(ReportStore.READY);
    assertThat(built.periodStart()).isEqualTo(lastMonth.start());
    assertThat(csv(local, built)).isEqualTo(
        "deliveryId,eventId,subscriptionId,status,attempts,lastError,createdAt,updatedAt\r\n"
            + "dlv-report-1,e-report," + subscription + ",FAILED,5,\"'=HYPERLINK(\"\"x\"\"), HTTP 500\","
            + ReportCsv.cell(lastMonth.from().plusHours(1)) + ","
            + ReportCsv.cell(db.dsl.select(WEBHOOK_DELIVERIES.UPDATED_AT).from(WEBHOOK_DELIVERIES)
                .where(WEBHOOK_DELIVERIES.ID.eq("dlv-report-1")).fetchSingle().value1()) + "\r\n");
    // PostgreSQL keeps microseconds
    assertThat(built.expiresAt()).isBetween(now.plus(Duration.ofDays(7)).minusMillis(1), now.plus(Duration.ofDays(7)).plusMillis(1));

    down.set(false);
    Map<String, Long> secondRun = job.run(Map.of(), now.plusSeconds(3600), () -> {});

    assertThat(secondRun).containsEntry("built", 1L).containsEntry("failed", 0L).containsEntry("announced", 1L);
    assertThat(store.report(failing, failed.id()).orElseThrow().status()).isEqualTo(ReportStore.READY);
    assertThat(published).extracting(NewEvent::eventId)
        .containsExactly("report-ready-" + built.id(), "report-ready-" + failed.id());
    assertThat(job.run(Map.of(), now.plusSeconds(7200), () -> {})).containsEntry("built", 0L).containsEntry("announced", 0L);

    // past the link validity: the file goes, the report stays as a record
    Map<String, Long> later = job.run(Map.of(), now.plus(Duration.ofDays(8)), () -> {});
    assertThat(later).containsEntry("expired", 2L);
    Report expired = store.report(fine, built.id()).orElseThrow();
    assertThat(expired.status()).isEqualTo(ReportStore.EXPIRED);
    assertThat(expired.storageKey()).isNull();
    assertThatThrownBy(() -> local.open(built.storageKey())).isInstanceOf(IOException.class);
    assertThat(Files.exists(dir.resolve("reports").resolve(fine))).isTrue();
  }

  @Test
  void aPeriodThatEndedBeforeTheScheduleExistedIsNotBuilt() {
    String org = db.organization("org-reports-new", "UTC");
    store.create(org, "emails", ReportStore.WEEKLY, List.of(member(org, "c@example.com")));

    Map<String, Long> counts = job(new LocalDirectoryFileStorage(dir), e -> {}, Duration.ofDays(7))
        .run(Map.of(), Instant.now(), () -> {});

    assertThat(store.reports(org, null, 10, Optional.empty()).items()).isEmpty();
    assertThat(counts).containsEntry("built", 0L);
  }

  /** Created two months ago: last month's period is due. */
  private void backdate(Schedule... schedules) {
    for (Schedule s : schedules) {
      db.dsl.update(REPORT_SCHEDULES).set(REPORT_SCHEDULES.CREATED_AT, OffsetDateTime.now().minusMonths(2))
          .where(REPORT_SCHEDULES.ID.eq(s.id())).execute();
    }
  }
}
