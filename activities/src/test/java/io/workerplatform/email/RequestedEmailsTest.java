package io.workerplatform.email;

import static io.workerplatform.db.Tables.EMAIL_MESSAGES;
import static io.workerplatform.db.Tables.EMAIL_REQUESTS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.workerplatform.common.PlatformPlugins;
import io.workerplatform.common.TestDatabase;
import io.workerplatform.contacts.ContactStore;
import io.workerplatform.contacts.ContactStore.NewContact;
import io.workerplatform.email.EmailRequestStore.NewEmail;
import io.workerplatform.email.EmailRequestStore.Stored;
import io.workerplatform.email.SesLocalServer.ReceivedEmail;
import io.workerplatform.members.MemberStore;
import io.workerplatform.personaldata.Erased;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.sesv2.SesV2Client;

/** The application's email requests against PostgreSQL, the real AWS SDK and the local SES server. */
class RequestedEmailsTest {
  static TestDatabase db;
  static SesLocalServer ses;
  static SesV2Client client;
  static EmailStore store;
  static EmailRequestStore requests;
  static RequestedEmails requested;
  static ContactStore contacts;

  @BeforeAll
  static void start() {
    db = TestDatabase.create("requested_emails");
    ses = SesLocalServer.start();
    client = SesClients.create(ses.endpoint(), "eu-west-1", "local", "local", 8, Duration.ofSeconds(20));
    db.organizations().create("acme", "Acme & Co");
    db.organizations().create("other", "Other Ltd");
    contacts = new ContactStore(db.dsl, Clock.systemUTC());
    store = new EmailStore(db.dsl, Clock.systemUTC(), db.suppressions());
    requests = new EmailRequestStore(db.dsl, Clock.systemUTC(), TestDatabase.JSON);
    EmailSettings settings = new EmailSettings("no-reply@platform.test", AllowList.parse(""), 1000, null);
    EmailService emails = new EmailService(store, new EmailTemplates(), new SesSender(client, settings), settings,
        PlatformPlugins.templateData(db.dsl));
    requested = new RequestedEmails(emails, store, requests, db.dsl, Clock.systemUTC());
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

  private static Stored request(String orgId, String contactId, String memberId, String address, String template,
      String data, String dedupeKey) {
    return requests.create(new NewEmail(orgId, contactId, memberId, address, template, data, dedupeKey));
  }

  private static SendEmailResult send(String orgId, String id) {
    return requested.send(orgId, id, "run/email#1", () -> {});
  }

  @Test
  void anAddressGivenDirectlyGetsTheShippedTemplateWithTheRequestsData() {
    Stored stored = request("acme", null, null, "Dana@Example.com", "filing-reminder",
        "{\"title\":\"VAT Q3 <2026>\",\"dueDate\":\"2026-12-20\",\"daysLeft\":7,\"urgency\":\"HIGH\"}", "vat-q3");
    assertThat(stored.created()).isTrue();
    assertThat(stored.email().status()).isEqualTo(EmailState.QUEUED);
    assertThat(stored.email().dedupeKey()).isEqualTo("vat-q3");

    SendEmailResult result = send("acme", stored.email().id());

    assertThat(result.state()).isEqualTo(EmailState.SENT);
    ReceivedEmail email = ses.emails().getFirst();
    assertThat(email.to()).containsExactly("Dana@Example.com");
    assertThat(email.subject()).isEqualTo("Acme & Co: VAT Q3 <2026> is due on 2026-12-20 (HIGH)");
    assertThat(email.text()).startsWith("Hello,").contains("\"VAT Q3 <2026>\" is due on 2026-12-20, in 7 days.");
    assertThat(email.html()).contains("<strong>VAT Q3 &lt;2026&gt;</strong>");
    var row = db.dsl.fetchSingle(EMAIL_MESSAGES, EMAIL_MESSAGES.DEDUPE_KEY.eq("app/acme/vat-q3"));
    assertThat(row.getAddress()).isEqualTo("Dana@Example.com");
    assertThat(row.getContactId()).isNull();
    assertThat(row.getSesMessageId()).isEqualTo(email.messageId());
    assertThat(requests.find("acme", stored.email().id()).orElseThrow().status()).isEqualTo(EmailState.SENT);
    // decided: sending again calls SES no more
    assertThat(send("acme", stored.email().id())).isEqualTo(result);
    assertThat(ses.emails()).hasSize(1);
  }

  @Test
  void theSameDedupeKeyStoresOneEmailAndAnsweresTheFirst() {
    Stored first = request("acme", null, null, "once@example.com", "compliance-alert", "{\"level\":\"RED\"}", "alert-1");
    Stored second = request("acme", null, null, "other@example.com", "document-expiry", "{}", "alert-1");
    Stored ofAnother = request("other", null, null, "once@example.com", "compliance-alert", "{}", "alert-1");

    assertThat(second.created()).isFalse();
    assertThat(second.email().id()).isEqualTo(first.email().id());
    assertThat(second.email().address()).isEqualTo("once@example.com");
    assertThat(ofAnother.created()).isTrue(); // keys of different organizations never meet
    assertThat(db.dsl.fetchCount(EMAIL_REQUESTS, EMAIL_REQUESTS.DEDUPE_KEY.eq("app/acme/alert-1"))).isEqualTo(1);
  }

  @Test
  void aContactOfAnotherOrganizationEndsTheEmailFailedNamingTheField() {
    String theirs = contacts.createContacts("other", List.of(new NewContact("t@example.com", "T", null))).getFirst();
    Stored stored = request("acme", theirs, null, null, "document-expiry", "{}", null);

    SendEmailResult result = send("acme", stored.email().id());

    assertThat(result.state()).isEqualTo(EmailState.FAILED);
    assertThat(result.error()).isEqualTo("to.contactId: not a recipient of the organization");
    assertThat(ses.emails()).isEmpty();
    assertThat(requests.find("acme", stored.email().id()).orElseThrow().reason())
        .isEqualTo("to.contactId: not a recipient of the organization");
  }

  @Test
  void aMemberGetsTheDocumentExpiryGreetedByName() {
    String member = new MemberStore(db.dsl, Clock.systemUTC())
        .create("acme", new MemberStore.NewMember("mia@example.com", "Mia", "ADMIN", "UTC", "en")).id();
    Stored stored = request("acme", null, member, null, "document-expiry",
        "{\"documentType\":\"passport\",\"expiresAt\":\"2027-01-31\"}", null);

    assertThat(send("acme", stored.email().id()).state()).isEqualTo(EmailState.SENT);
    assertThat(stored.email().dedupeKey()).isNull(); // none given: its id keys it
    ReceivedEmail email = ses.emailsTo("mia@example.com").getFirst();
    assertThat(email.subject()).isEqualTo("Acme & Co: your passport expires on 2027-01-31");
    assertThat(email.text()).startsWith("Hello Mia,");
  }

  @Test
  void aSuppressedAddressIsNotSent() {
    db.suppressions().add(db.dsl, "blocked@example.com", "complaint");
    Stored stored = request("acme", null, null, "blocked@example.com", "document-expiry", "{}", null);

    assertThat(send("acme", stored.email().id()).state()).isEqualTo(EmailState.SUPPRESSED);
    assertThat(ses.emails()).isEmpty();
  }

  @Test
  void givingUpFailsAQueuedEmailAndLeavesASentOneAlone() {
    Stored queued = request("acme", null, null, "late@example.com", "document-expiry", "{}", null);
    Stored sent = request("acme", null, null, "early@example.com", "document-expiry", "{}", null);
    send("acme", sent.email().id());

    assertThat(requested.giveUp("acme", queued.email().id(), "gave up").state()).isEqualTo(EmailState.FAILED);
    assertThat(requested.giveUp("acme", sent.email().id(), "gave up").state()).isEqualTo(EmailState.SENT);
    assertThat(requests.find("acme", queued.email().id()).orElseThrow().reason()).isEqualTo("gave up");
    assertThatThrownBy(() -> send("other", queued.email().id()))
        .isInstanceOf(RequestedEmails.UnknownEmailException.class);
  }

  @Test
  void sesReportsMoveTheMessageUpOnlyAndReachItsFollowers() {
    Stored stored = request("acme", null, null, "rep@example.com", "document-expiry", "{}", null);
    String sesId = send("acme", stored.email().id()).sesMessageId();
    List<String> followed = new java.util.ArrayList<>();
    OffsetDateTime now = OffsetDateTime.now();

    for (String type : List.of("Delivery", "Complaint", "Delivery", "Bounce")) {
      db.dsl.transaction(tx -> EmailDeliveries.record(tx.dsl(), sesId, EmailDeliveries.of(type), null, now)
          .forEach(c -> followed.add(c.orgId() + " " + c.dedupeKey() + " " + c.delivery())));
    }

    String key = db.dsl.fetchValue(EMAIL_REQUESTS.DEDUPE_KEY, EMAIL_REQUESTS.ID.eq(stored.email().id()));
    assertThat(followed).containsExactly("acme " + key + " DELIVERED", "acme " + key + " COMPLAINED");
    assertThat(requests.find("acme", stored.email().id()).orElseThrow().status()).isEqualTo("COMPLAINED");
  }

  @Test
  void erasingAContactErasesWhatWasSentToItsAddressInItsOrganizationOnly() {
    String erased = contacts.createContacts("acme", List.of(new NewContact("Gone@Example.com", "G", null))).getFirst();
    Stored toAddress = request("acme", null, null, "gone@example.com", "document-expiry", "{\"secret\":\"x1\"}", null);
    Stored toContact = request("acme", erased, null, null, "document-expiry", "{\"secret\":\"x2\"}", null);
    Stored otherOrg = request("other", null, null, "gone@example.com", "document-expiry", "{\"secret\":\"x3\"}", null);

    var counts = new EmailPersonalData(db.dsl).eraseContacts(db.dsl, new String[] {erased}, OffsetDateTime.now());

    assertThat(counts).containsEntry("email-requests", 2L);
    assertThat(requests.find("acme", toAddress.email().id()).orElseThrow().address())
        .startsWith("anonymized-").endsWith("@invalid");
    assertThat(data(toAddress)).isEqualTo(Erased.JSON.data());
    assertThat(data(toContact)).isEqualTo(Erased.JSON.data());
    assertThat(data(otherOrg)).contains("x3");
    assertThat(requests.find("other", otherOrg.email().id()).orElseThrow().address()).isEqualTo("gone@example.com");
    // a message still queued to the erased address is skipped as erased, never sent
    assertThat(send("acme", toAddress.email().id()).state()).isEqualTo(EmailState.SKIPPED_ERASED);
    assertThat(ses.emails()).isEmpty();
  }

  private static String data(Stored stored) {
    return db.dsl.fetchValue(EMAIL_REQUESTS.DATA, EMAIL_REQUESTS.ID.eq(stored.email().id())).data();
  }

  @Test
  void theApplicationsTemplatesComeFirstAndThePlatformsStay(@TempDir Path dir) throws Exception {
    Path own = Files.createDirectories(dir.resolve("welcome"));
    Files.writeString(own.resolve("subject.mustache"), "Welcome to {{org.name}}");
    Files.writeString(own.resolve("text.mustache"), "Hi {{data.first}}");
    Files.writeString(own.resolve("html.mustache"), "<p>Hi {{data.first}}</p>");
    Path replaced = Files.createDirectories(dir.resolve("document-expiry"));
    Files.writeString(replaced.resolve("subject.mustache"), "Ours");
    Files.writeString(replaced.resolve("text.mustache"), "t");
    Files.writeString(replaced.resolve("html.mustache"), "h");

    EmailTemplates templates = new EmailTemplates(dir.toString());
    var data = java.util.Map.<String, Object>of("org", java.util.Map.of("name", "Acme"), "data", java.util.Map.of("first", "<Al>"));

    assertThat(templates.render("welcome", data).subject()).isEqualTo("Welcome to Acme");
    assertThat(templates.render("welcome", data).html()).isEqualTo("<p>Hi &lt;Al&gt;</p>");
    assertThat(templates.render("document-expiry", data).subject()).isEqualTo("Ours");
    assertThat(templates.exists("petition-invite")).isTrue();
    assertThat(new EmailTemplates("classpath:email-templates/").exists("member-digest")).isTrue();
    assertThat(templates.exists("../welcome")).isFalse();
    assertThatThrownBy(() -> new EmailTemplates(dir.resolve("missing").toString()))
        .hasMessageContaining("platform.email.templates-location");
  }
}
