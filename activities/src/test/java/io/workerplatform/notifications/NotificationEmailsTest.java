package io.workerplatform.notifications;

import static io.workerplatform.db.Tables.EMAIL_MESSAGES;
import static io.workerplatform.db.Tables.NOTIFICATIONS;
import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.activity.ActivityOptions;
import io.temporal.client.WorkflowOptions;
import io.temporal.common.RetryOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkflowImplementationOptions;
import io.workerplatform.common.TestDatabase;
import io.workerplatform.email.LocalEmail;
import io.workerplatform.members.MemberStore;
import io.workerplatform.notifications.NotificationEmailActivities.EmailsSent;
import io.workerplatform.notifications.NotificationEmailActivities.EventEmails;
import io.workerplatform.notifications.NotificationStore.About;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * An event's notification emails, sent by their own workflow and activity (not inside the event's
 * local activity): behind SES answers held 10 s, with a heartbeat timeout (3 s) shorter than one
 * call, each member gets one email, each message was sent once, and the channels record it.
 */
class NotificationEmailsTest {
  static TestDatabase db;
  static LocalEmail email;

  @BeforeAll
  static void start() {
    db = TestDatabase.create("notification_emails");
    email = LocalEmail.startBehindProxy(db);
    db.organizations().create("acme", "Acme");
  }

  @AfterAll
  static void stop() throws Exception {
    email.close();
    db.close();
  }

  @Test
  void heldAtSesEachMemberGetsOneEmailAndItsChannelSaysSent() {
    MemberStore members = new MemberStore(db.dsl, Clock.systemUTC());
    NotificationStore notifications = new NotificationStore(db.dsl, Clock.systemUTC());
    Map<String, List<String>> channels = new java.util.LinkedHashMap<>();
    for (String address : List.of("a@ntf.example", "b@ntf.example")) {
      channels.put(members.create("acme", new MemberStore.NewMember(address, "M", "ADMIN", "UTC", "en")).id(), List.of("EMAIL"));
    }
    String manager = members.create("acme", new MemberStore.NewMember("c@ntf.example", "M", "MANAGER", "UTC", "en")).id();
    channels.put(manager, List.of("IN_APP"));
    notifications.create(new About("acme", "evt_row_1", "e-1", "comment.created", "pet_1", "New comment on petition pet_1"), channels);
    email.proxy().hold(n -> Duration.ofSeconds(10));

    EmailsSent sent;
    try (TestWorkflowEnvironment env = TestWorkflowEnvironment.newInstance()) {
      Worker worker = env.newWorker(NotificationEmailsWorkflow.TASK_QUEUE);
      worker.registerWorkflowImplementationTypes(
          WorkflowImplementationOptions.newBuilder()
              .setActivityOptions(Map.of("SendPending", ActivityOptions.newBuilder(NotificationEmailsWorkflowImpl.SEND_OPTIONS)
                  .setHeartbeatTimeout(Duration.ofSeconds(3))
                  .setRetryOptions(RetryOptions.newBuilder().setInitialInterval(Duration.ofMillis(100)).setMaximumAttempts(3).build())
                  .build()))
              .build(),
          NotificationEmailsWorkflowImpl.class);
      worker.registerActivitiesImplementations(new NotificationEmailActivitiesImpl(notifications, email.emails()));
      env.start();
      sent = env.getWorkflowClient()
          .newWorkflowStub(
              NotificationEmailsWorkflow.class,
              WorkflowOptions.newBuilder()
                  .setWorkflowId(NotificationEmailsWorkflow.workflowId("acme", "evt_row_1"))
                  .setTaskQueue(NotificationEmailsWorkflow.TASK_QUEUE)
                  .build())
          .send(new EventEmails("acme", "evt_row_1"));
    }

    assertThat(sent).isEqualTo(new EmailsSent(2, 0, 0));
    assertThat(email.ses().emails().stream()
            .filter(e -> e.to().get(0).endsWith("@ntf.example"))
            .collect(Collectors.groupingBy(e -> e.to().get(0), Collectors.counting())))
        .containsOnly(Map.entry("a@ntf.example", 1L), Map.entry("b@ntf.example", 1L));
    assertThat(db.dsl.fetchValues(
            db.dsl.select(EMAIL_MESSAGES.SEND_ATTEMPTS).from(EMAIL_MESSAGES)
                .where(EMAIL_MESSAGES.DEDUPE_KEY.startsWith("notification/evt_row_1/"))))
        .containsExactly(1, 1);
    assertThat(db.dsl.select(NOTIFICATIONS.MEMBER_ID, NOTIFICATIONS.EMAIL_STATUS).from(NOTIFICATIONS)
            .where(NOTIFICATIONS.EVENT_REF.eq("evt_row_1")).fetchMap(NOTIFICATIONS.MEMBER_ID, NOTIFICATIONS.EMAIL_STATUS))
        .hasSize(3)
        .containsEntry(manager, NotificationStore.SKIPPED)
        .containsValues(NotificationStore.SENT, NotificationStore.SENT);
  }

  @Test
  void anotherOrganizationsEventSendsNothing() {
    MemberStore members = new MemberStore(db.dsl, Clock.systemUTC());
    NotificationStore notifications = new NotificationStore(db.dsl, Clock.systemUTC());
    String member = members.create("acme", new MemberStore.NewMember("d@ntf.example", "M", "ADMIN", "UTC", "en")).id();
    notifications.create(new About("acme", "evt_row_2", "e-2", "comment.created", "pet_1", "t"), Map.of(member, List.of("EMAIL")));

    assertThat(notifications.pendingEmails("globex", "evt_row_2")).isEmpty();
    assertThat(notifications.pendingEmails("acme", "evt_row_2")).extracting(NotificationStore.PendingEmail::memberId)
        .containsExactly(member);
  }
}
