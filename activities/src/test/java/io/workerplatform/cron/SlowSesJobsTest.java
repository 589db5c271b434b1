package io.workerplatform.cron;

import static io.workerplatform.db.Tables.EMAIL_MESSAGES;
import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.activity.ActivityOptions;
import io.temporal.client.WorkflowOptions;
import io.temporal.common.RetryOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import io.workerplatform.bulksends.BulkSendStore;
import io.workerplatform.common.TestDatabase;
import io.workerplatform.contacts.ContactStore;
import io.workerplatform.contacts.ContactStore.NewContact;
import io.workerplatform.email.LocalEmail;
import io.workerplatform.members.MemberStore;
import io.workerplatform.notifications.MemberDigests;
import io.workerplatform.notifications.NotificationStore;
import io.workerplatform.notifications.NotificationStore.About;
import io.workerplatform.petitions.PetitionStore;
import io.workerplatform.petitions.PetitionStore.ReminderPlan;
import io.workerplatform.petitions.ReminderTrigger;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The jobs that send many emails in one activity (reminders, digests) behind SES answers held 10 s,
 * run as an activity whose heartbeat timeout (3 s) is shorter than one call: each message goes
 * through the one sending step, which heartbeats while SES is called, so Temporal never starts a
 * second attempt beside the first, and every key gets exactly one message. Before, the jobs sent
 * without a heartbeat during the call and the second attempt sent each held message again.
 */
class SlowSesJobsTest {
  /** The cron activity with a heartbeat timeout shorter than a held call (production: 1 min). */
  @WorkflowInterface
  public interface ShortHeartbeatJob {
    @WorkflowMethod
    Map<String, Long> run(String job);
  }

  public static class ShortHeartbeatJobImpl implements ShortHeartbeatJob {
    @Override
    public Map<String, Long> run(String job) {
      CronActivities activities =
          Workflow.newActivityStub(
              CronActivities.class,
              ActivityOptions.newBuilder()
                  .setStartToCloseTimeout(Duration.ofMinutes(2))
                  .setHeartbeatTimeout(Duration.ofSeconds(3))
                  .setRetryOptions(
                      RetryOptions.newBuilder().setInitialInterval(Duration.ofMillis(100)).setMaximumAttempts(3).build())
                  .build());
      var info = Workflow.getInfo();
      return activities.runJob(
          new CronActivities.CronRun(
              job, info.getWorkflowId(), info.getRunId(), Map.of(), Instant.ofEpochMilli(Workflow.currentTimeMillis())));
    }
  }

  static TestDatabase db;
  static LocalEmail email;

  @BeforeAll
  static void start() {
    db = TestDatabase.create("slow_ses_jobs");
    email = LocalEmail.startBehindProxy(db);
    db.organizations().create("acme", "Acme");
    email.proxy().hold(n -> Duration.ofSeconds(10));
  }

  @AfterAll
  static void stop() throws Exception {
    email.close();
    db.close();
  }

  private static Map<String, Long> runAsActivity(CronJob job) {
    try (TestWorkflowEnvironment env = TestWorkflowEnvironment.newInstance()) {
      Worker worker = env.newWorker("slow-ses-jobs");
      worker.registerWorkflowImplementationTypes(ShortHeartbeatJobImpl.class);
      worker.registerActivitiesImplementations(
          new CronActivitiesImpl(List.of(job), new CronRunStore(db.dsl, Clock.systemUTC())));
      env.start();
      return env.getWorkflowClient()
          .newWorkflowStub(
              ShortHeartbeatJob.class,
              WorkflowOptions.newBuilder().setWorkflowId("cron/" + job.name()).setTaskQueue("slow-ses-jobs").build())
          .run(job.name());
    }
  }

  private static Map<String, Long> messagesTo(String suffix) {
    return email.ses().emails().stream()
        .filter(e -> e.to().get(0).endsWith(suffix))
        .collect(Collectors.groupingBy(e -> e.to().get(0), Collectors.counting()));
  }

  @Test
  void remindersHeldAtSesGoOutOncePerKey() {
    List<String> to =
        new ContactStore(db.dsl, Clock.systemUTC())
            .createContacts("acme", List.of(new NewContact("a@rem.example", "A", null), new NewContact("b@rem.example", "B", null)));
    PetitionStore petitions = new PetitionStore(db.dsl, Clock.systemUTC());
    String petition = petitions.create("acme", "Library hours", new ReminderPlan(3, 2), null).id();
    String bulkSend = new BulkSendStore(db.dsl, Clock.systemUTC()).create("acme", petition, "petition-invite", to);
    OffsetDateTime fourDaysAgo = OffsetDateTime.now(ZoneOffset.UTC).minusDays(4);
    to.forEach(contactId -> db.bulkSendMessageSent("acme", bulkSend, contactId, fourDaysAgo));

    Map<String, Long> counts = runAsActivity(new ReminderTrigger(db.dsl, email.emails()));

    assertThat(counts).containsEntry("reminders", 2L);
    assertThat(messagesTo("@rem.example")).containsOnly(Map.entry("a@rem.example", 1L), Map.entry("b@rem.example", 1L));
    assertThat(db.dsl.fetchValues(
            db.dsl.select(EMAIL_MESSAGES.SEND_ATTEMPTS).from(EMAIL_MESSAGES)
                .where(EMAIL_MESSAGES.DEDUPE_KEY.startsWith("petition-reminder/" + petition + "/"))))
        .containsExactly(1, 1);
  }

  @Test
  void digestsHeldAtSesGoOutOncePerKey() {
    MemberStore members = new MemberStore(db.dsl, Clock.systemUTC());
    NotificationStore notifications = new NotificationStore(db.dsl, Clock.systemUTC());
    for (String address : List.of("a@dig.example", "b@dig.example")) {
      String member = members.create("acme", new MemberStore.NewMember(address, "M", "MANAGER", "UTC", "en")).id();
      notifications.create(
          new About("acme", "ref-" + member, "e-" + member, "comment.created", "pet_1", "New comment"),
          Map.of(member, List.of("DIGEST")));
    }

    Map<String, Long> counts = runAsActivity(new MemberDigests(notifications, email.emails()));

    assertThat(counts).containsEntry("emails", 2L);
    assertThat(messagesTo("@dig.example")).containsOnly(Map.entry("a@dig.example", 1L), Map.entry("b@dig.example", 1L));
    assertThat(db.dsl.fetchValues(
            db.dsl.select(EMAIL_MESSAGES.SEND_ATTEMPTS).from(EMAIL_MESSAGES)
                .where(EMAIL_MESSAGES.DEDUPE_KEY.startsWith("member-digest/"))))
        .containsExactly(1, 1);
  }
}
