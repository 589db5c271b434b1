package io.workerplatform.filings;

import static org.assertj.core.api.Assertions.assertThat;

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
import io.workerplatform.documents.ExpiringDocuments;
import io.workerplatform.events.EventStore.NewEvent;
import io.workerplatform.events.PlatformEvents;
import io.workerplatform.expiring.ExpiringProperties;
import io.workerplatform.filings.FilingStore.Fields;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * {@code filing-reminders}: 14, 7 and 3 days before an open filing's due date, from 08:00 in the
 * organization's time zone, once each; a filed one never; a moved due date starts afresh.
 */
class FilingRemindersTest {
  static TestDatabase db;
  static FilingStore filings;

  record Published(NewEvent event, Instant at) {}

  @BeforeAll
  static void start() {
    db = TestDatabase.create("filing_reminders");
    filings = new FilingStore(db.dsl, Clock.systemUTC());
  }

  @AfterAll
  static void stop() throws Exception {
    db.close();
  }

  private static JsonNode data(NewEvent event) {
    return TestDatabase.JSON.readTree(event.dataJson());
  }

  private static ExpiringProperties job(PlatformEvents events) {
    // the documents' items are registered too: only the filings' are this job's
    return new ExpiringProperties(FilingDeadlines.SCHEDULE, db.dsl, events, TestDatabase.JSON,
        List.of(new ExpiringDocuments(), new FilingDeadlines()));
  }

  @Test
  void anOpenFilingIsRemindedFourteenSevenAndThreeDaysAheadOnceEachAndAFiledOneNever() {
    String org = db.organization("org-madrid", "Europe/Madrid");
    ZoneId madrid = ZoneId.of("Europe/Madrid");
    LocalDate due = LocalDate.now(madrid).plusDays(16);
    String open = filings.create(org, new Fields("VAT Q4", "VAT", due, "PREPARED", List.of())).id();
    filings.create(org, new Fields("Filed", "VAT", due, "FILED", List.of()));
    List<Published> published = new CopyOnWriteArrayList<>();

    try (TestWorkflowEnvironment env = TestWorkflowEnvironment.newInstance()) {
      PlatformEvents events = event -> {
        if (event.orgId().equals(org)) {
          published.add(new Published(event, Instant.ofEpochMilli(env.currentTimeMillis())));
        }
        db.eventStore().store(event);
      };
      Worker worker = env.newWorker(TaskQueues.CRON);
      worker.registerWorkflowImplementationTypes(CronJobWorkflowImpl.class);
      worker.registerActivitiesImplementations(
          new CronActivitiesImpl(List.of(job(events)), new CronRunStore(db.dsl, Clock.systemUTC())));
      env.start();
      String name = FilingDeadlines.SCHEDULE.name();
      CronJobWorkflow cron = env.getWorkflowClient().newWorkflowStub(CronJobWorkflow.class,
          WorkflowOptions.newBuilder().setWorkflowId("cron/" + name).setTaskQueue(TaskQueues.CRON)
              .setCronSchedule("0 */3 * * *").build());
      WorkflowClient.start(cron::run, new CronJobInput(name, Map.of()));
      for (int i = 0; i < 12 * 18 && published.size() < 3; i++) {
        env.sleep(Duration.ofHours(3));
      }
      env.sleep(Duration.ofDays(1)); // and nothing more
      WorkflowStub.fromTyped(cron).terminate("test over");
    }

    String date = due.format(DateTimeFormatter.BASIC_ISO_DATE);
    assertThat(published).extracting(p -> p.event().eventId()).containsExactly(
        "filing-due-" + open + "-" + date + "-14", "filing-due-" + open + "-" + date + "-7",
        "filing-due-" + open + "-" + date + "-3");
    assertThat(published).extracting(p -> data(p.event()).get("urgency").asString())
        .containsExactly("NORMAL", "HIGH", "URGENT");
    for (Published p : published) {
      assertThat(p.at().atZone(madrid).getHour()).isBetween(8, 10);
      assertThat(p.event().type()).isEqualTo("filing.due");
      assertThat(p.event().entityId()).isEqualTo(open);
      JsonNode data = data(p.event());
      assertThat(data.get("dueDate").asString()).isEqualTo(due.toString());
      assertThat(data.get("kind").asString()).isEqualTo("VAT");
      assertThat(data.get("status").asString()).isEqualTo("PREPARED");
      assertThat(data.toString()).doesNotContain("VAT Q4"); // the title stays in the table
    }
  }

  @Test
  void aMovedDueDateStartsItsRemindersAfreshAndAPassedOverThresholdIsCoveredByTheNearerOne() {
    String org = db.organization("org-utc", "UTC");
    List<NewEvent> published = new CopyOnWriteArrayList<>();
    ExpiringProperties job = job(event -> {
      published.add(event);
      db.eventStore().store(event);
    });
    LocalDate today = LocalDate.now(ZoneId.of("UTC"));
    String id = filings.create(org, new Fields("Annual accounts", "ACCOUNTS", today.plusDays(10), null, List.of())).id();

    assertThat(job.runOrganization(org, Instant.now())).contains(1);
    assertThat(job.runOrganization(org, Instant.now())).contains(0);
    filings.update(org, id, new Fields(null, null, today.plusDays(2), null, null));
    assertThat(job.runOrganization(org, Instant.now())).contains(1);
    assertThat(job.runOrganization("nobody", Instant.now())).isEmpty();

    assertThat(published).extracting(NewEvent::eventId).containsExactly(
        "filing-due-" + id + "-" + today.plusDays(10).format(DateTimeFormatter.BASIC_ISO_DATE) + "-14",
        "filing-due-" + id + "-" + today.plusDays(2).format(DateTimeFormatter.BASIC_ISO_DATE) + "-3");
  }
}
