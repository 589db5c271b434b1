package io.workerplatform.notifications;

import static io.workerplatform.db.Tables.NOTIFICATIONS;
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
import io.workerplatform.email.LocalEmail;
import io.workerplatform.email.SesLocalServer;
import io.workerplatform.email.SesLocalServer.ReceivedEmail;
import io.workerplatform.members.MemberStore;
import io.workerplatform.notifications.NotificationStore.About;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The digest ({@code petition-notifications}) and cleanup ({@code old-notifications}) jobs against
 * PostgreSQL and the local SES server, run by hand at a given time and as a cron workflow whose
 * time the test server skips.
 */
class NotificationJobsTest {
  static TestDatabase db;
  static LocalEmail email;
  static SesLocalServer ses;
  static NotificationStore notifications;
  static MemberDigests digests;
  static MemberStore members;

  @BeforeAll
  static void start() {
    db = TestDatabase.create("notification_jobs");
    email = LocalEmail.start(db);
    ses = email.ses();
    db.organizations().create("acme", "Acme");
    notifications = new NotificationStore(db.dsl, Clock.systemUTC());
    members = new MemberStore(db.dsl, Clock.systemUTC());
    digests = new MemberDigests(notifications, email.emails());
  }

  @AfterAll
  static void stop() throws Exception {
    email.close();
    db.close();
  }

  @BeforeEach
  void clear() {
    ses.clear();
    db.dsl.deleteFrom(NOTIFICATIONS).execute();
  }

  private static String member(String email, String locale) {
    return members.create("acme", new MemberStore.NewMember(email, "M", "MANAGER", "UTC", locale)).id();
  }

  private static void notify(String eventRef, String title, String memberId, String... channels) {
    notifications.create(
        new About("acme", eventRef, "e-" + eventRef, "comment.created", "pet_1", title),
        Map.of(memberId, List.of(channels)));
  }

  private static List<String> digestStatuses(String memberId) {
    return db.dsl.select(NOTIFICATIONS.DIGEST_STATUS).from(NOTIFICATIONS)
        .where(NOTIFICATIONS.MEMBER_ID.eq(memberId))
        .orderBy(NOTIFICATIONS.CREATED_AT)
        .fetch(NOTIFICATIONS.DIGEST_STATUS);
  }

  @Test
  void eachCronWindowSendsAMemberOneDigestOfWhatArrivedSinceInItsLocale() {
    String ana = member("ana-w@example.com", "de-AT");
    String bo = member("bo-w@example.com", "en");
    notify("w1", "New comment on petition pet_1", ana, "DIGEST");
    notify("w2", "Petition pet_2 was completed", ana, "IN_APP", "DIGEST");
    notify("w3", "New comment on petition pet_3", bo, "DIGEST");
    notify("w4", "Not for the digest", bo, "IN_APP");

    try (TestWorkflowEnvironment env = TestWorkflowEnvironment.newInstance()) {
      Worker worker = env.newWorker(TaskQueues.CRON);
      worker.registerWorkflowImplementationTypes(CronJobWorkflowImpl.class);
      worker.registerActivitiesImplementations(
          new CronActivitiesImpl(List.of(digests), new CronRunStore(db.dsl, Clock.systemUTC())));
      env.start();
      CronJobWorkflow cron =
          env.getWorkflowClient()
              .newWorkflowStub(
                  CronJobWorkflow.class,
                  WorkflowOptions.newBuilder()
                      .setWorkflowId("cron/" + MemberDigests.NAME)
                      .setTaskQueue(TaskQueues.CRON)
                      .setCronSchedule("*/15 * * * *")
                      .build());
      WorkflowClient.start(cron::run, new CronJobInput(MemberDigests.NAME, Map.of("windowMinutes", "15")));

      for (int i = 0; i < 8 && ses.emails().size() < 2; i++) {
        env.sleep(Duration.ofMinutes(5));
      }
      List<ReceivedEmail> anas = ses.emailsTo("ana-w@example.com");
      assertThat(anas).hasSize(1);
      assertThat(anas.get(0).subject()).isEqualTo("Acme: 2 neue Benachrichtigung(en)");
      assertThat(anas.get(0).text())
          .contains("- New comment on petition pet_1 (")
          .contains("- Petition pet_2 was completed (");
      assertThat(ses.emailsTo("bo-w@example.com"))
          .singleElement()
          .satisfies(e -> assertThat(e.subject()).isEqualTo("Acme: 1 new notification(s)"));
      assertThat(digestStatuses(ana)).containsExactly("SENT", "SENT");
      assertThat(digestStatuses(bo)).containsExactly("SENT", "SKIPPED");

      // Another window: only what arrived since, and nothing for a member with nothing new.
      notify("w5", "Petition pet_5 was completed", ana, "DIGEST");
      for (int i = 0; i < 8 && ses.emails().size() < 3; i++) {
        env.sleep(Duration.ofMinutes(5));
      }
      env.sleep(Duration.ofMinutes(15));
      WorkflowStub.fromTyped(cron).terminate("test over");
    }
    List<ReceivedEmail> anas = ses.emailsTo("ana-w@example.com");
    assertThat(anas).hasSize(2);
    assertThat(anas.get(1).text()).contains("- Petition pet_5 was completed (").doesNotContain("pet_1");
    assertThat(ses.emailsTo("bo-w@example.com")).hasSize(1);
  }

  @Test
  void aRetriedOrRepeatedRunSendsEachWindowOnceAndAWindowLeftUnsentGoesOutNext() {
    String cy = member("cy-r@example.com", "en");
    notify("r1", "New comment on petition pet_1", cy, "DIGEST");
    Instant now = Instant.now();

    assertThat(digests.run(Map.of(), now, () -> {})).containsEntry("emails", 1L).containsEntry("notifications", 1L);
    assertThat(digests.run(Map.of(), now, () -> {})).containsEntry("emails", 0L);
    assertThat(digests.run(Map.of(), now.plusSeconds(900), () -> {})).containsEntry("members", 0L);
    assertThat(ses.emailsTo("cy-r@example.com")).hasSize(1);

    // A run that took notifications for its window and died before sending: the next run sends
    // that window's email under that window's key, then its own.
    notify("r2", "Petition pet_2 was completed", cy, "DIGEST");
    OffsetDateTime deadWindow = now.plusSeconds(900).atOffset(ZoneOffset.UTC);
    notifications.takeForWindow(cy, deadWindow, OffsetDateTime.now(ZoneOffset.UTC));
    notify("r3", "Petition pet_3 was completed", cy, "DIGEST");

    digests.run(Map.of(), Instant.now().plusSeconds(1800), () -> {});

    List<ReceivedEmail> emails = ses.emailsTo("cy-r@example.com");
    assertThat(emails).hasSize(3);
    assertThat(emails.get(1).text()).contains("pet_2").doesNotContain("pet_3");
    assertThat(emails.get(2).text()).contains("pet_3").doesNotContain("pet_2");
    assertThat(digestStatuses(cy)).containsOnly("SENT");
  }

  @Test
  void oldNotificationsGoReadOnesAfterTheRetentionAndUnreadOnesAfterAYear() {
    String di = member("di-o@example.com", "en");
    OffsetDateTime now = OffsetDateTime.parse("2026-12-02T04:45:00Z");
    Map<String, Object[]> ages =
        Map.of(
            "read-100", new Object[] {100, true, "IN_APP"},
            "read-10", new Object[] {10, true, "IN_APP"},
            "unread-200", new Object[] {200, false, "IN_APP"},
            "unread-400", new Object[] {400, false, "IN_APP"},
            "email-only-100", new Object[] {100, false, "EMAIL"});
    ages.forEach(
        (ref, age) -> {
          notify(ref, ref, di, (String) age[2]);
          OffsetDateTime created = now.minusDays((Integer) age[0]);
          db.dsl.update(NOTIFICATIONS)
              .set(NOTIFICATIONS.CREATED_AT, created)
              .set(NOTIFICATIONS.READ_AT, (Boolean) age[1] ? created.plusDays(1) : null)
              .where(NOTIFICATIONS.EVENT_REF.eq(ref))
              .execute();
        });
    OldNotificationsCleanup cleanup = new OldNotificationsCleanup(notifications, 90);
    int[] heartbeats = {0};

    assertThat(cleanup.run(Map.of("batchSize", "1"), now.toInstant(), () -> heartbeats[0]++))
        .containsEntry("deleted", 3L);
    assertThat(cleanup.run(Map.of("batchSize", "1"), now.toInstant(), () -> {})).containsEntry("deleted", 0L);

    assertThat(db.dsl.fetch(NOTIFICATIONS).getValues(NOTIFICATIONS.EVENT_REF))
        .containsExactlyInAnyOrder("read-10", "unread-200");
    assertThat(heartbeats[0]).as("three batches of one and the short one").isEqualTo(4);
  }
}
