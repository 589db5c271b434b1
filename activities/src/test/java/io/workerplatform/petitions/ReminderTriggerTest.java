package io.workerplatform.petitions;

import static io.workerplatform.db.Tables.EMAIL_MESSAGES;
import static io.workerplatform.db.Tables.PETITION_REMINDERS;
import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import io.workerplatform.bulksends.BulkSendStore;
import io.workerplatform.common.TaskQueues;
import io.workerplatform.common.TestDatabase;
import io.workerplatform.contacts.ContactStore;
import io.workerplatform.contacts.ContactStore.NewContact;
import io.workerplatform.cron.CronActivitiesImpl;
import io.workerplatform.cron.CronJobInput;
import io.workerplatform.cron.CronJobWorkflow;
import io.workerplatform.cron.CronJobWorkflowImpl;
import io.workerplatform.cron.CronRunStore;
import io.workerplatform.email.LocalEmail;
import io.workerplatform.email.SesLocalServer;
import io.workerplatform.petitions.PetitionStore.Petition;
import io.workerplatform.petitions.PetitionStore.ReminderPlan;
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
 * {@code reminder-trigger} against PostgreSQL and the local SES server: reminders at the plan's
 * intervals from the first message, at most {@code max}, none after a reply or once the petition
 * closes, each number once under a retry or a rerun.
 */
class ReminderTriggerTest {
  static TestDatabase db;
  static LocalEmail email;
  static SesLocalServer ses;
  static ContactStore contacts;
  static PetitionStore petitions;
  static ReminderTrigger trigger;

  @BeforeAll
  static void start() {
    db = TestDatabase.create("reminders");
    email = LocalEmail.start(db);
    ses = email.ses();
    db.organizations().create("acme", "Acme");
    contacts = new ContactStore(db.dsl, Clock.systemUTC());
    petitions = new PetitionStore(db.dsl, Clock.systemUTC());
    trigger = new ReminderTrigger(db.dsl, email.emails());
  }

  @AfterAll
  static void stop() throws Exception {
    email.close();
    db.close();
  }

  @BeforeEach
  void clear() {
    ses.clear();
  }

  /** A petition with this plan sent to these contacts by a bulk send, as SES accepted it at {@code sentAt}. */
  private static String sentPetition(ReminderPlan plan, OffsetDateTime sentAt, List<String> to) {
    Petition petition = petitions.create("acme", "Library hours", plan, null);
    String bulkSend = new BulkSendStore(db.dsl, Clock.systemUTC()).create("acme", petition.id(), "petition-invite", to);
    to.forEach(contactId -> db.bulkSendMessageSent("acme", bulkSend, contactId, sentAt));
    return petition.id();
  }

  private static List<String> contacts(String... emails) {
    return contacts.createContacts(
        "acme", java.util.Arrays.stream(emails).map(e -> new NewContact(e, "C", null)).toList());
  }

  @Test
  void remindersComeAtThePlansIntervalsUpToItsMaximumAndStopForAReply() {
    List<String> to = contacts("ana-i@example.com", "ben-i@example.com");
    String petition = sentPetition(new ReminderPlan(3, 2), OffsetDateTime.now(ZoneOffset.UTC), to);

    try (TestWorkflowEnvironment env = TestWorkflowEnvironment.newInstance()) {
      Worker worker = env.newWorker(TaskQueues.CRON);
      worker.registerWorkflowImplementationTypes(CronJobWorkflowImpl.class);
      worker.registerActivitiesImplementations(
          new CronActivitiesImpl(List.of(trigger), new CronRunStore(db.dsl, Clock.systemUTC())));
      env.start();
      // Every six hours here (hourly in production): the reminders' days, not the job's hours, set the pace.
      CronJobWorkflow cron =
          env.getWorkflowClient().newWorkflowStub(
              CronJobWorkflow.class,
              WorkflowOptions.newBuilder().setWorkflowId("cron/" + ReminderTrigger.NAME).setTaskQueue(TaskQueues.CRON)
                  .setCronSchedule("0 */6 * * *").build());
      WorkflowClient.start(cron::run, new CronJobInput(ReminderTrigger.NAME, Map.of("batchSize", "1")));

      env.sleep(Duration.ofDays(2).plusHours(12));
      assertThat(ses.emailsTo("ana-i@example.com")).as("nothing before three days").isEmpty();
      assertThat(ses.emailsTo("ben-i@example.com")).isEmpty();
      env.sleep(Duration.ofDays(1));
      assertThat(ses.emailsTo("ana-i@example.com")).hasSize(1);
      assertThat(ses.emailsTo("ben-i@example.com")).hasSize(1);
      assertThat(ses.emailsTo("ana-i@example.com").get(0).subject()).contains("Library hours");

      petitions.reply("acme", petition, to.get(1), "{\"answer\":\"yes\"}");
      env.sleep(Duration.ofDays(3));
      assertThat(ses.emailsTo("ana-i@example.com")).as("the second at six days").hasSize(2);
      assertThat(ses.emailsTo("ben-i@example.com")).as("none after the reply").hasSize(1);

      env.sleep(Duration.ofDays(4));
      WorkflowStub.fromTyped(cron).terminate("test over");
    }
    assertThat(ses.emailsTo("ana-i@example.com")).as("at most two").hasSize(2);
    assertThat(db.dsl.fetch(EMAIL_MESSAGES, EMAIL_MESSAGES.DEDUPE_KEY.startsWith("petition-reminder/" + petition + "/"))
            .getValues(EMAIL_MESSAGES.DEDUPE_KEY))
        .containsExactlyInAnyOrder(
            "petition-reminder/" + petition + "/" + to.get(0) + "/1",
            "petition-reminder/" + petition + "/" + to.get(0) + "/2",
            "petition-reminder/" + petition + "/" + to.get(1) + "/1");
  }

  @Test
  void aRepeatedRunSendsNoNumberTwiceAClosedPetitionNoneAndAnOutageIsCaughtUpOneIntervalApart() {
    List<String> to = contacts("cy-r@example.com", "di-r@example.com");
    OffsetDateTime sentAt = OffsetDateTime.parse("2026-11-01T09:00:00Z");
    String open = sentPetition(new ReminderPlan(2, 3), sentAt, to.subList(0, 1));
    String closing = sentPetition(new ReminderPlan(2, 3), sentAt, to.subList(1, 2));
    db.dsl.update(io.workerplatform.db.Tables.PETITIONS).set(io.workerplatform.db.Tables.PETITIONS.STATUS, "CLOSED")
        .where(io.workerplatform.db.Tables.PETITIONS.ID.eq(closing)).execute();
    Instant weekLater = Instant.parse("2026-11-08T10:00:00Z"); // three reminders were due by now

    Map<String, Long> first = trigger.run(Map.of(), weekLater, () -> {});
    Map<String, Long> again = trigger.run(Map.of(), weekLater, () -> {});

    assertThat(first).containsEntry("reminders", 1L);
    assertThat(again).containsEntry("reminders", 0L);
    assertThat(ses.emailsTo("cy-r@example.com")).hasSize(1);
    assertThat(ses.emailsTo("di-r@example.com")).as("closed").isEmpty();
    assertThat(trigger.run(Map.of(), weekLater.plus(Duration.ofDays(2)), () -> {})).containsEntry("reminders", 1L);
    assertThat(db.dsl.fetchValue(PETITION_REMINDERS.REMINDERS_SENT, PETITION_REMINDERS.PETITION_ID.eq(open))).isEqualTo(2);
  }
}
