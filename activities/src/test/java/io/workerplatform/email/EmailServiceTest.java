package io.workerplatform.email;

import io.workerplatform.common.PlatformPlugins;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.workerplatform.common.PlatformMetrics;
import static io.workerplatform.db.Tables.CONTACTS;
import static io.workerplatform.db.Tables.EMAIL_MESSAGES;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestActivityEnvironment;
import io.workerplatform.common.TestDatabase;
import io.workerplatform.contacts.ContactStore;
import io.workerplatform.contacts.ContactStore.NewContact;
import io.workerplatform.email.SesLocalServer.ReceivedEmail;
import io.workerplatform.members.MemberStore;
import io.workerplatform.webhooks.WebhookStore;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sesv2.SesV2Client;

/** The email capability against the real AWS SDK, the local SES v2 server and PostgreSQL. */
class EmailServiceTest {
  static TestDatabase db;
  static SesLocalServer ses;
  static SesV2Client client;
  static ContactStore contacts;
  static EmailStore store;
  static String petitionId;

  @BeforeAll
  static void start() {
    db = TestDatabase.create("email");
    ses = SesLocalServer.start();
    client = SesClients.create(ses.endpoint(), "eu-west-1", "local", "local", 8, Duration.ofSeconds(20));
    db.organizations().create("acme", "Acme & Co");
    contacts = new ContactStore(db.dsl, Clock.systemUTC());
    store = new EmailStore(db.dsl, Clock.systemUTC(), db.suppressions());
    petitionId = db.petition("acme", "Save the <old> library");
  }

  @AfterAll
  static void stop() throws Exception {
    client.close();
    ses.close();
    db.close();
  }

  @BeforeEach
  void clear() {
    ses.clear();
  }

  private EmailService service(String allowList) {
    EmailSettings settings = new EmailSettings("no-reply@platform.test", AllowList.parse(allowList), 1000, null);
    return new EmailService(store, new EmailTemplates(), new SesSender(client, settings),
        settings, PlatformPlugins.templateData(db.dsl));
  }

  private static String contact(String email, String name) {
    return contacts.createContacts("acme", List.of(new NewContact(email, name, null))).get(0);
  }

  private static SendEmailRequest invite(String key, String contactId) {
    return new SendEmailRequest(key, contactId, "petition-invite", Map.of("petitionId", petitionId));
  }

  @Test
  void sendsTheRenderedTemplateAndRecordsSesMessageId() {
    String id = contact("ana@example.com", "Ana <Admin>");

    SendEmailResult result = service("").send(invite("k-send", id));

    assertThat(result.state()).isEqualTo(EmailState.SENT);
    List<ReceivedEmail> received = ses.emails();
    assertThat(received).hasSize(1);
    ReceivedEmail email = received.get(0);
    assertThat(email.messageId()).isEqualTo(result.sesMessageId());
    assertThat(email.to()).containsExactly("ana@example.com");
    assertThat(email.from()).isEqualTo("no-reply@platform.test");
    assertThat(email.subject()).isEqualTo("Acme & Co invites you to sign \"Save the <old> library\"");
    assertThat(email.text()).contains("Hello Ana <Admin>,").contains("\"Save the <old> library\"");
    assertThat(email.html())
        .contains("Hello Ana &lt;Admin&gt;,")
        .contains("<strong>Save the &lt;old&gt; library</strong>")
        .contains("Acme &amp; Co");
    var row = db.dsl.fetchSingle(EMAIL_MESSAGES, EMAIL_MESSAGES.DEDUPE_KEY.eq("k-send"));
    assertThat(row.getState()).isEqualTo("SENT");
    assertThat(row.getSesMessageId()).isEqualTo(email.messageId());
    assertThat(row.getContactId()).isEqualTo(id);
    assertThat(row.getTemplate()).isEqualTo("petition-invite");
    assertThat(row.getSendAttempts()).isEqualTo(1);
  }

  @Test
  void aSentDedupeKeyReturnsTheEarlierResultWithoutCallingSes() {
    String id = contact("ben@example.com", "Ben");
    EmailService emails = service("");

    SendEmailResult first = emails.send(invite("k-twice", id));
    SendEmailResult second = emails.send(invite("k-twice", id));

    assertThat(second).isEqualTo(first);
    assertThat(ses.emailsTo("ben@example.com")).hasSize(1);
  }

  @Test
  void eachDecisionIsCountedOnceByOutcomeAndARepeatedKeyCountsNothing() {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    EmailSettings settings = new EmailSettings("no-reply@platform.test", AllowList.parse("*@allowed.test"), 1000, null);
    EmailService emails =
        new EmailService(
            store, new EmailTemplates(), new SesSender(client, settings), settings, PlatformPlugins.templateData(db.dsl),
            new PlatformMetrics(registry, false));
    String allowed = contact("dee@allowed.test", "Dee");
    String elsewhere = contact("eve@elsewhere.test", "Eve");

    emails.send(invite("k-count-1", allowed));
    emails.send(invite("k-count-1", allowed));
    emails.send(invite("k-count-2", elsewhere));

    assertThat(registry.get("platform.emails").tags("capability", "email", "outcome", "SENT").counter().count())
        .isEqualTo(1);
    assertThat(
            registry.get("platform.emails").tags("capability", "email", "outcome", "SKIPPED_NOT_ALLOWED").counter().count())
        .isEqualTo(1);
    assertThat(registry.find("platform.emails").counters()).hasSize(2);
  }

  @Test
  void aRowLeftSendingIsTheWindowOfDoubtAndIsSentAgain() {
    String id = contact("cy@example.com", "Cy");
    // A worker died after writing SENDING, before or after SES accepted the message.
    store.claimForSending(
        "k-doubt", store.candidate(id, "k-doubt").orElseThrow().recipient(), "petition-invite", null, "run/1#1");

    SendEmailResult result = service("").send(invite("k-doubt", id), "run/1#2", () -> {});

    assertThat(result.state()).isEqualTo(EmailState.SENT);
    assertThat(ses.emailsTo("cy@example.com")).hasSize(1);
    // The second attempt found the first one's claim: this message is the one that may have
    // arrived twice, and the log says so.
    var row = db.dsl.fetchSingle(EMAIL_MESSAGES, EMAIL_MESSAGES.DEDUPE_KEY.eq("k-doubt"));
    assertThat(row.getSendAttempts()).isEqualTo(2);
    assertThat(row.getInDoubt()).isTrue();
    assertThat(row.getClaimedBy()).isNull();
  }

  @Test
  void aSupersededAttemptsLateWritesLeaveTheLiveClaimAlone() {
    String id = contact("fenced@example.com", "Fen");
    var recipient = store.candidate(id, "k-fenced").orElseThrow().recipient();
    store.claimForSending("k-fenced", recipient, "petition-invite", null, "run/1#1");
    // attempt 1 is taken for dead; attempt 2 claims the message and is calling SES
    store.claimForSending("k-fenced", recipient, "petition-invite", null, "run/1#2");

    store.noteError("k-fenced", "run/1#1", "SES throttled the send", null, false);
    store.markFailed("k-fenced", "run/1#1", "refused", null);
    boolean lateSent = store.markSent("k-fenced", "run/1#1", "ses-late");

    var row = db.dsl.fetchSingle(EMAIL_MESSAGES, EMAIL_MESSAGES.DEDUPE_KEY.eq("k-fenced"));
    assertThat(lateSent).isFalse();
    assertThat(row.getState()).isEqualTo(EmailState.SENDING);
    assertThat(row.getClaimedBy()).isEqualTo("run/1#2");
    assertThat(row.getError()).isNull();
    assertThat(row.getSesMessageId()).isNull();
    assertThat(row.getInDoubt()).isTrue();
    assertThat(store.markSent("k-fenced", "run/1#2", "ses-live")).isTrue();
    assertThat(db.dsl.fetchValue(EMAIL_MESSAGES.SES_MESSAGE_ID, EMAIL_MESSAGES.DEDUPE_KEY.eq("k-fenced"))).isEqualTo("ses-live");
  }

  @Test
  void aMessageSesAcceptedIsRecordedSentWhenTheDatabaseAnswersAgainAndNotSentTwice() {
    String id = contact("kept@example.com", "Kept");
    // The SENT write fails twice as a lost connection would (SQLSTATE 08006), then goes through.
    db.dsl.execute("create sequence " + db.schema + ".sent_write_failures");
    db.dsl.execute(
        """
        create function %1$s.fail_sent_write() returns trigger language plpgsql as $$
        begin
          if nextval('%1$s.sent_write_failures') <= 2 then
            raise exception 'connection lost' using errcode = '08006';
          end if;
          return new;
        end $$""".formatted(db.schema));
    db.dsl.execute(
        "create trigger fail_sent_write before update on " + db.schema + ".email_messages for each row"
            + " when (new.state = 'SENT' and new.dedupe_key = 'k-kept') execute function " + db.schema + ".fail_sent_write()");
    try {
      SendEmailResult result = service("").send(invite("k-kept", id), "run/2#1", () -> {});

      assertThat(result.state()).isEqualTo(EmailState.SENT);
      assertThat(ses.emailsTo("kept@example.com")).hasSize(1);
      var row = db.dsl.fetchSingle(EMAIL_MESSAGES, EMAIL_MESSAGES.DEDUPE_KEY.eq("k-kept"));
      assertThat(row.getState()).isEqualTo(EmailState.SENT);
      assertThat(row.getSesMessageId()).isEqualTo(result.sesMessageId());
      assertThat(row.getInDoubt()).isFalse();
      assertThat(db.dsl.fetchValue("select last_value from " + db.schema + ".sent_write_failures")).isEqualTo(3L);
    } finally {
      db.dsl.execute("drop trigger fail_sent_write on " + db.schema + ".email_messages");
    }
  }

  @Test
  void aSendRetriedAfterAKnownFailureIsNotInDoubt() {
    String id = contact("cyd@example.com", "Cyd");
    var recipient = store.candidate(id, "k-known").orElseThrow().recipient();
    // The first attempt's call was throttled: SES surely did not send.
    store.claimForSending("k-known", recipient, "petition-invite", null, "run/1#1");
    store.noteError("k-known", "run/1#1", "SES throttled the send", null, false);

    assertThat(service("").send(invite("k-known", id), "run/1#2", () -> {}).state()).isEqualTo(EmailState.SENT);

    var row = db.dsl.fetchSingle(EMAIL_MESSAGES, EMAIL_MESSAGES.DEDUPE_KEY.eq("k-known"));
    assertThat(row.getSendAttempts()).isEqualTo(2);
    assertThat(row.getInDoubt()).isFalse();
  }

  @Test
  void aCallThatTimesOutMarksItsMessageInDoubtAndTheNextAttemptSendsIt() {
    String id = contact("cyan@example.com", "Cyan");
    try (HoldingProxy proxy = HoldingProxy.start(ses.endpoint());
        SesV2Client slowClient =
            SesClients.create(proxy.endpoint(), "eu-west-1", "local", "local", 2, Duration.ofSeconds(1))) {
      proxy.hold(n -> n == 0 ? Duration.ofSeconds(3) : Duration.ZERO);
      EmailSettings settings = new EmailSettings("no-reply@platform.test", AllowList.parse(""), 100, null);
      EmailService emails = new EmailService(store, new EmailTemplates(), new SesSender(slowClient, settings),
        settings, PlatformPlugins.templateData(db.dsl));

      assertThatThrownBy(() -> emails.send(invite("k-timeout", id), "run/2#1", () -> {}))
          .isInstanceOfSatisfying(SesSender.SendFailure.class, f -> assertThat(f.inDoubt()).isTrue());
      var row = db.dsl.fetchSingle(EMAIL_MESSAGES, EMAIL_MESSAGES.DEDUPE_KEY.eq("k-timeout"));
      assertThat(row.getState()).isEqualTo(EmailState.SENDING);
      assertThat(row.getInDoubt()).isTrue();
      assertThat(row.getError()).isEqualTo("SES call timed out: outcome unknown");

      assertThat(emails.send(invite("k-timeout", id), "run/2#2", () -> {}).state()).isEqualTo(EmailState.SENT);
      // SES got both calls: the recipient has two copies, and the only row with two is marked.
      assertThat(ses.emailsTo("cyan@example.com")).hasSize(2);
      assertThat(db.dsl.fetchSingle(EMAIL_MESSAGES, EMAIL_MESSAGES.DEDUPE_KEY.eq("k-timeout")).getInDoubt()).isTrue();
    }
  }

  @Test
  void theCallerKeepsHeartbeatingWhileSesTakesItsTime() {
    String id = contact("slowpoke@example.com", "Slow");
    try (HoldingProxy proxy = HoldingProxy.start(ses.endpoint());
        SesV2Client slowClient =
            SesClients.create(proxy.endpoint(), "eu-west-1", "local", "local", 2, Duration.ofSeconds(20))) {
      proxy.hold(n -> Duration.ofMillis(3_500));
      EmailSettings settings = new EmailSettings("no-reply@platform.test", AllowList.parse(""), 100, null);
      EmailService emails = new EmailService(store, new EmailTemplates(), new SesSender(slowClient, settings),
        settings, PlatformPlugins.templateData(db.dsl));
      java.util.concurrent.atomic.AtomicInteger heartbeats = new java.util.concurrent.atomic.AtomicInteger();

      assertThat(emails.send(invite("k-slow", id), "run/3#1", heartbeats::incrementAndGet).state())
          .isEqualTo(EmailState.SENT);

      assertThat(heartbeats.get()).isBetween(3, 4); // one a second during the 3.5 s call
      var row = db.dsl.fetchSingle(EMAIL_MESSAGES, EMAIL_MESSAGES.DEDUPE_KEY.eq("k-slow"));
      assertThat(row.getInDoubt()).isFalse();
      assertThat(row.getClaimedBy()).isNull();
    }
  }

  @Test
  void theAllowListSkipsOthersAndAcceptsAddressesAndDomains() {
    String listed = contact("dee@example.com", "Dee");
    String inDomain = contact("eve@team.example", "Eve");
    String other = contact("fred@elsewhere.example", "Fred");
    EmailService emails = service("dee@example.com, *@team.example");

    assertThat(emails.send(invite("k-al-1", listed)).state()).isEqualTo(EmailState.SENT);
    assertThat(emails.send(invite("k-al-2", inDomain)).state()).isEqualTo(EmailState.SENT);
    assertThat(emails.send(invite("k-al-3", other)).state()).isEqualTo(EmailState.SKIPPED_NOT_ALLOWED);

    assertThat(ses.emails()).extracting(e -> e.to().get(0)).containsExactlyInAnyOrder("dee@example.com", "eve@team.example");
    assertThat(db.dsl.fetchSingle(EMAIL_MESSAGES, EMAIL_MESSAGES.DEDUPE_KEY.eq("k-al-3")).getState())
        .isEqualTo("SKIPPED_NOT_ALLOWED");
  }

  @Test
  void aBulkPageSkipsAContactErasedAfterTheBulkSendWasPlanned() {
    String kept = contact("hal@example.com", "Hal");
    String erased = contact("ida@example.com", "Ida");
    EmailService emails = service("");
    // as the erasure leaves a contact: address overwritten, anonymized_at set
    db.dsl.update(CONTACTS).set(CONTACTS.EMAIL, "anonymized-" + erased + "@invalid")
        .set(CONTACTS.ANONYMIZED_AT, java.time.OffsetDateTime.now()).where(CONTACTS.ID.eq(erased)).execute();
    EmailService.BulkPage page = emails.bulkPage("bs_erased", "petition-invite", petitionId, List.of(kept, erased), "erased/", "run/4#1");

    assertThat(page.send(kept, () -> {}).state()).isEqualTo(EmailState.SENT);
    assertThat(page.send(erased, () -> {}).state()).isEqualTo(EmailState.SKIPPED_ERASED);

    assertThat(ses.emails()).extracting(e -> e.to().get(0)).contains("hal@example.com").doesNotContain("anonymized-" + erased + "@invalid");
    assertThat(db.dsl.fetchSingle(EMAIL_MESSAGES, EMAIL_MESSAGES.DEDUPE_KEY.eq("erased/" + erased)).getState())
        .isEqualTo("SKIPPED_ERASED");
  }

  private static String member(String email, String name) {
    return new MemberStore(db.dsl, Clock.systemUTC())
        .create("acme", new MemberStore.NewMember(email, name, "ADMIN", "UTC", "en"))
        .id();
  }

  private static SendEmailRequest toMember(String key, String memberId) {
    return SendEmailRequest.toMember(
        key, memberId, "member-notification",
        Map.of("title", "Petition pet_1 was completed", "eventType", "petition.completed", "eventId", "evt-1"));
  }

  @Test
  void aMemberIsSentToItsAddressWithItsOwnDataAndARowNamingTheMember() {
    String id = member("mia@example.com", "Mia <Ops>");

    SendEmailResult result = service("").send(toMember("k-member", id));

    assertThat(result.state()).isEqualTo(EmailState.SENT);
    ReceivedEmail email = ses.emailsTo("mia@example.com").get(0);
    assertThat(email.subject()).isEqualTo("Acme & Co: Petition pet_1 was completed");
    assertThat(email.text()).contains("Hello Mia <Ops>,").contains("petition.completed events (event evt-1)");
    assertThat(email.html()).contains("Hello Mia &lt;Ops&gt;,");
    var row = db.dsl.fetchSingle(EMAIL_MESSAGES, EMAIL_MESSAGES.DEDUPE_KEY.eq("k-member"));
    assertThat(row.getMemberId()).isEqualTo(id);
    assertThat(row.getContactId()).isNull();
    assertThat(row.getSesMessageId()).isEqualTo(email.messageId());
    assertThat(service("").send(toMember("k-member", id))).isEqualTo(result);
    assertThat(ses.emailsTo("mia@example.com")).hasSize(1);
  }

  @Test
  void aMemberGetsTheSameSuppressionsAllowListAndNothingOnceDeleted() {
    String suppressed = member("Noa@Example.com", "Noa");
    String elsewhere = member("oli@elsewhere.test", "Oli");
    String deleted = member("pia@allowed.test", "Pia");
    db.suppressions().add("noa@example.com", "complaint");
    new MemberStore(db.dsl, Clock.systemUTC()).delete("acme", deleted);
    EmailService emails = service("*@allowed.test, noa@example.com");

    assertThat(emails.send(toMember("k-m-suppressed", suppressed)).state()).isEqualTo(EmailState.SUPPRESSED);
    assertThat(emails.send(toMember("k-m-elsewhere", elsewhere)).state()).isEqualTo(EmailState.SKIPPED_NOT_ALLOWED);
    assertThat(emails.send(toMember("k-m-deleted", deleted)).state()).isEqualTo(EmailState.SKIPPED_ERASED);
    assertThat(ses.emails()).isEmpty();
  }

  @Test
  void aMessageNamesOneRecipientAndAnUnknownMemberFailsNamingTheField() {
    EmailService emails = service("");
    String contactId = contact("quin@example.com", "Quin");
    String memberId = member("quin@example.com", "Quin");

    assertThatThrownBy(() -> emails.send(toMember("k-none", "mem_missing")))
        .isInstanceOfSatisfying(
            EmailService.UnknownRecipientException.class, e -> assertThat(e.field()).isEqualTo("memberId"))
        .hasMessage("member mem_missing does not exist");
    assertThatThrownBy(() -> emails.send(new SendEmailRequest("k-both", contactId, "member-notification", Map.of(), memberId)))
        .isInstanceOfSatisfying(ApplicationFailure.class, e -> assertThat(e.getType()).isEqualTo("InvalidInput"))
        .hasMessageContaining("contactId: a message addresses a contact or a member, not both");
    assertThat(db.dsl.fetchCount(EMAIL_MESSAGES, EMAIL_MESSAGES.DEDUPE_KEY.in("k-none", "k-both"))).isZero();
  }

  @Test
  void aSuppressedAddressIsRecordedAndNotSent() {
    String id = contact("Gil@Example.com", "Gil");
    db.suppressions().add("gil@example.com", "bounce");

    SendEmailResult result = service("").send(invite("k-suppressed", id));

    assertThat(result.state()).isEqualTo(EmailState.SUPPRESSED);
    assertThat(ses.emails()).isEmpty();
  }

  @Test
  void theDigestListsTheOrganizationsOpenPetitions() {
    String id = contact("hal@example.com", "Hal");

    service("").send(new SendEmailRequest("k-digest", id, "notification-digest", Map.of()));

    ReceivedEmail email = ses.emailsTo("hal@example.com").get(0);
    assertThat(email.subject()).startsWith("Acme & Co: ").endsWith("open petition(s)");
    assertThat(email.text()).contains("- Save the <old> library");
  }

  @Test
  void unsendableMessagesFailNonRetryablyWithTheReasonRecorded() {
    String valid = contact("ivy@example.com", "Ivy");
    String invalid = contact("not-an-address", "Nobody");
    TestActivityEnvironment env = TestActivityEnvironment.newInstance();
    try {
      env.registerActivitiesImplementations(new EmailActivitiesImpl(service("")));
      EmailActivities activities =
          env.newActivityStub(
              EmailActivities.class,
              ActivityOptions.newBuilder()
                  .setStartToCloseTimeout(Duration.ofSeconds(30))
                  .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(5).build())
                  .build());

      assertNotSendable(
          () -> activities.send(new SendEmailRequest("k-tpl", valid, "no-such-template", Map.of())),
          "unknown email template 'no-such-template'");
      assertNotSendable(() -> activities.send(invite("k-invalid", invalid)), "invalid address");
      assertThatThrownBy(() -> activities.send(invite("k-nobody", "con_missing")))
          .isInstanceOf(ActivityFailure.class)
          .cause()
          .isInstanceOfSatisfying(
              ApplicationFailure.class, f -> assertThat(f.isNonRetryable()).isTrue());
    } finally {
      env.close();
    }
    assertThat(ses.emails()).isEmpty();
    assertThat(db.dsl.fetchSingle(EMAIL_MESSAGES, EMAIL_MESSAGES.DEDUPE_KEY.eq("k-tpl")).getError())
        .isEqualTo("unknown email template 'no-such-template'");
    assertThat(db.dsl.fetchSingle(EMAIL_MESSAGES, EMAIL_MESSAGES.DEDUPE_KEY.eq("k-invalid")).getState())
        .isEqualTo("FAILED");
  }

  private static void assertNotSendable(Runnable send, String reason) {
    assertThatThrownBy(send::run)
        .isInstanceOf(ActivityFailure.class)
        .cause()
        .isInstanceOfSatisfying(
            ApplicationFailure.class,
            f -> {
              assertThat(f.isNonRetryable()).isTrue();
              assertThat(f.getType()).isEqualTo(EmailActivitiesImpl.NOT_SENDABLE);
              assertThat(f.getOriginalMessage()).contains(reason);
            });
  }

  @Test
  void theProcessRateLimitSpacesSends() {
    List<String> ids =
        contacts.createContacts(
            "acme",
            java.util.stream.IntStream.range(0, 11)
                .mapToObj(i -> new NewContact("rate" + i + "@example.com", "R" + i, null))
                .toList());
    EmailSettings settings = new EmailSettings("no-reply@platform.test", AllowList.parse(""), 5, null);
    EmailService limited = new EmailService(store, new EmailTemplates(), new SesSender(client, settings),
        settings, PlatformPlugins.templateData(db.dsl));

    long started = System.nanoTime();
    for (int i = 0; i < ids.size(); i++) {
      limited.send(invite("k-rate-" + i, ids.get(i)));
    }

    // 11 sends at 5 per second span three rate periods: at least one full second.
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
    assertThat(ses.emails()).hasSize(11);
  }

  @Test
  void aBulkPageSendsItsRecipientsAndKeepsTheCallerAliveWhileWaitingForTheRate() {
    List<String> ids =
        contacts.createContacts(
            "acme",
            List.of(
                new NewContact("p1@example.com", "P1", null),
                new NewContact("p2@example.com", "P2", null),
                new NewContact("p3@example.com", "P3", null)));
    EmailSettings settings = new EmailSettings("no-reply@platform.test", AllowList.parse(""), 1, null);
    EmailService slow = new EmailService(store, new EmailTemplates(), new SesSender(client, settings),
        settings, PlatformPlugins.templateData(db.dsl));
    EmailService.BulkPage page = slow.bulkPage("bs_page", "petition-invite", petitionId, ids, "page/", "run/5#1");
    java.util.concurrent.atomic.AtomicInteger heartbeats = new java.util.concurrent.atomic.AtomicInteger();

    List<String> states = ids.stream().map(id -> page.send(id, heartbeats::incrementAndGet).state()).toList();

    assertThat(states).containsOnly(EmailState.SENT);
    assertThat(ses.emails()).extracting(e -> e.to().get(0)).containsExactlyInAnyOrder("p1@example.com", "p2@example.com", "p3@example.com");
    // At one send per second the later sends waited about a second each, heartbeating meanwhile.
    assertThat(heartbeats.get()).isGreaterThanOrEqualTo(1);
    assertThat(db.dsl.fetchCount(EMAIL_MESSAGES, EMAIL_MESSAGES.BULK_SEND_ID.eq("bs_page"))).isEqualTo(3);
    assertThat(page.send(ids.get(0), heartbeats::incrementAndGet).state()).isEqualTo(EmailState.SENT); // decided: no new send
    assertThat(ses.emails()).hasSize(3);
  }
}
