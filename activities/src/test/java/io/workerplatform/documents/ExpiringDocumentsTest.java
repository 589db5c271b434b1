package io.workerplatform.documents;

import io.workerplatform.expiring.ExpiringProperties;
import static io.workerplatform.db.Tables.DOMAIN_EVENTS;
import static io.workerplatform.db.Tables.ORGANIZATION_JOB_DAYS;
import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import io.workerplatform.common.TaskQueues;
import io.workerplatform.common.TestDatabase;
import io.workerplatform.contacts.ContactStore;
import io.workerplatform.contacts.ContactStore.NewContact;
import io.workerplatform.cron.CronActivitiesImpl;
import io.workerplatform.cron.CronJobInput;
import io.workerplatform.cron.CronJobWorkflow;
import io.workerplatform.cron.CronJobWorkflowImpl;
import io.workerplatform.cron.CronRunStore;
import io.workerplatform.events.EventStore.NewEvent;
import io.workerplatform.events.PlatformEvents;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * {@code expiring-properties}: thresholds of 30, 14 and 7 days at 08:00 in each organization's
 * time zone, once each, a passed-over one caught up once, a failing organization isolated.
 */
class ExpiringDocumentsTest {
  static TestDatabase db;
  static DocumentStore documents;
  static ContactStore contacts;

  record Published(NewEvent event, Instant at) {}

  @BeforeAll
  static void start() {
    db = TestDatabase.create("expiring");
    documents = new DocumentStore(db.dsl, Clock.systemUTC());
    contacts = new ContactStore(db.dsl, Clock.systemUTC());
  }

  @AfterAll
  static void stop() throws Exception {
    db.close();
  }

  private static String organization(String id, String timeZone) {
    return db.organization(id, timeZone);
  }

  private static String contact(String orgId) {
    return contacts.createContacts(orgId, List.of(new NewContact("c-" + orgId + "@example.com", "C", null))).get(0);
  }

  private static JsonNode data(NewEvent event) {
    return TestDatabase.JSON.readTree(event.dataJson());
  }

  @Test
  void eachThresholdIsPublishedOnceFromEightInTheMorningLocalTimeAndAPassedOneIsCaughtUp() {
    String org = organization("org-tokyo", "Asia/Tokyo");
    ZoneId tokyo = ZoneId.of("Asia/Tokyo");
    String contactId = contact(org);
    LocalDate expires = LocalDate.now(tokyo).plusDays(16);
    String documentId = documents.add(org, contactId, "passport", expires).id();
    List<Published> published = new CopyOnWriteArrayList<>();
    ZonedDateTime start;

    try (TestWorkflowEnvironment env = TestWorkflowEnvironment.newInstance()) {
      start = Instant.ofEpochMilli(env.currentTimeMillis()).atZone(tokyo);
      PlatformEvents events = event -> {
        if (event.orgId().equals(org)) { // the other test's organizations may be in the database too
          published.add(new Published(event, Instant.ofEpochMilli(env.currentTimeMillis())));
        }
        db.eventStore().store(event);
      };
      Worker worker = env.newWorker(TaskQueues.CRON);
      worker.registerWorkflowImplementationTypes(CronJobWorkflowImpl.class);
      worker.registerActivitiesImplementations(new CronActivitiesImpl(
          List.of(new ExpiringProperties(db.dsl, events, TestDatabase.JSON, List.of(new ExpiringDocuments()))), new CronRunStore(db.dsl, Clock.systemUTC())));
      env.start();
      // every three hours here, hourly in production
      CronJobWorkflow cron = env.getWorkflowClient().newWorkflowStub(
          CronJobWorkflow.class,
          WorkflowOptions.newBuilder().setWorkflowId("cron/" + ExpiringProperties.NAME).setTaskQueue(TaskQueues.CRON)
              .setCronSchedule("0 */3 * * *").build());
      WorkflowClient.start(cron::run, new CronJobInput(ExpiringProperties.NAME, Map.of()));

      for (int i = 0; i < 12 * 8 && published.size() < 3; i++) {
        env.sleep(Duration.ofHours(3));
      }
      env.sleep(Duration.ofDays(2)); // and nothing more
      WorkflowStub.fromTyped(cron).terminate("test over");
    }

    assertThat(published).extracting(p -> p.event().eventId()).containsExactly(
        "document-expiring-" + documentId + "-30", "document-expiring-" + documentId + "-14",
        "document-expiring-" + documentId + "-7");
    assertThat(published).extracting(p -> data(p.event()).get("urgency").asString()).containsExactly("LOW", "MEDIUM", "HIGH");
    assertThat(published).extracting(p -> data(p.event()).get("daysBefore").asInt()).containsExactly(30, 14, 7);
    // Never before eight local. The 30-day threshold had passed at the start: it is caught up by
    // the first run from eight on, that day (at whatever hour the test started) or the next
    // morning; the later thresholds come with the first run of their day (09:00 here).
    for (int i = 0; i < published.size(); i++) {
      ZonedDateTime local = published.get(i).at().atZone(tokyo);
      assertThat(local.getHour()).as("published at local %s", local).isGreaterThanOrEqualTo(8);
      if (i > 0 || !local.toLocalDate().equals(start.toLocalDate())) {
        assertThat(local.getHour()).as("published at local %s, the first run of its day", local).isBetween(8, 10);
      }
      if (i == 0) {
        assertThat(local.toLocalDate()).as("caught up at once").isBetween(start.toLocalDate(), start.toLocalDate().plusDays(1));
      }
      long daysLeft = expires.toEpochDay() - local.toLocalDate().toEpochDay();
      assertThat(daysLeft).isLessThanOrEqualTo(data(published.get(i).event()).get("daysBefore").asInt());
    }
    JsonNode first = data(published.get(0).event());
    assertThat(first.get("contactId").asString()).isEqualTo(contactId);
    assertThat(first.get("documentType").asString()).isEqualTo("passport");
    assertThat(first.get("expiresAt").asString()).isEqualTo(expires.toString());
    assertThat(db.dsl.fetchCount(DOMAIN_EVENTS, DOMAIN_EVENTS.ORG_ID.eq(org))).isEqualTo(3);
  }

  @Test
  void aFailingOrganizationIsRecordedAndTheOthersGoOnAndARerunRepeatsNothing() {
    String good = organization("org-good", "UTC");
    String bad = organization("org-bad", "Mars/Olympus"); // as bad data would have it: the API refuses such a zone
    Instant now = Instant.parse("2027-01-10T09:30:00Z");
    documents.add(good, contact(good), "licence", LocalDate.parse("2027-01-15"));
    String other = contacts.createContacts(good, List.of(new NewContact("v-" + good + "@example.com", "V", null))).get(0);
    documents.add(good, other, "visa", LocalDate.parse("2027-03-01"));
    List<NewEvent> published = new CopyOnWriteArrayList<>();
    ExpiringProperties job = new ExpiringProperties(db.dsl, published::add, TestDatabase.JSON, List.of(new ExpiringDocuments()));

    Map<String, Long> first = job.run(Map.of(), now, () -> {});
    Map<String, Long> rerun = job.run(Map.of(), now.plus(Duration.ofHours(1)), () -> {});
    Map<String, Long> tomorrow = job.run(Map.of(), now.plus(Duration.ofDays(1)), () -> {});
    LocalDate checkedTomorrow = db.dsl.fetchValue(ORGANIZATION_JOB_DAYS.LOCAL_DATE, ORGANIZATION_JOB_DAYS.ORG_ID.eq(good));
    job.run(Map.of(), Instant.parse("2027-01-12T07:59:00Z"), () -> {});

    assertThat(first).containsEntry("events", 1L).containsEntry("failed", 1L);
    assertThat(published).singleElement().satisfies(e -> assertThat(data(e).get("urgency").asString()).isEqualTo("HIGH"));
    assertThat(rerun).as("checked today already; the failed one is tried again")
        .containsEntry("events", 0L).containsEntry("failed", 1L);
    assertThat(tomorrow).as("the 7-day threshold was published: nothing new").containsEntry("events", 0L);
    assertThat(published).hasSize(1);
    assertThat(checkedTomorrow).isEqualTo(LocalDate.parse("2027-01-11"));
    assertThat(db.dsl.fetchValue(ORGANIZATION_JOB_DAYS.LAST_ERROR, ORGANIZATION_JOB_DAYS.ORG_ID.eq(bad)))
        .isEqualTo("ZoneRulesException");
    assertThat(db.dsl.fetchValue(ORGANIZATION_JOB_DAYS.LOCAL_DATE, ORGANIZATION_JOB_DAYS.ORG_ID.eq(good)))
        .as("not checked on the 12th before 08:00").isEqualTo(LocalDate.parse("2027-01-11"));
  }
}
