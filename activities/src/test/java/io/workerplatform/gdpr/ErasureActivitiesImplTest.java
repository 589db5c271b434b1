package io.workerplatform.gdpr;

import static io.workerplatform.db.Tables.AUDIT_LOG;
import static io.workerplatform.db.Tables.CONTACTS;
import static io.workerplatform.db.Tables.EMAIL_EVENTS;
import static io.workerplatform.db.Tables.EMAIL_MESSAGES;
import static io.workerplatform.db.Tables.ERASURES;
import static io.workerplatform.db.Tables.FILES;
import static io.workerplatform.db.Tables.PETITION_COMMENTS;
import static io.workerplatform.db.Tables.PETITION_REPLIES;
import static io.workerplatform.db.Tables.SIGNATURE_EVENTS;
import static io.workerplatform.db.Tables.SIGNATURE_REQUESTS;
import static io.workerplatform.db.Tables.SIGNATURE_SIGNERS;
import static io.workerplatform.db.Tables.SUPPRESSIONS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.temporal.failure.ApplicationFailure;
import io.workerplatform.common.PlatformPlugins;
import io.workerplatform.common.TestDatabase;
import io.workerplatform.contacts.ContactStore;
import io.workerplatform.contacts.ContactStore.NewContact;
import io.workerplatform.files.FileStore;
import io.workerplatform.files.LocalDirectoryFileStorage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.jooq.JSONB;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Erasure of one contact against PostgreSQL: every place they are kept, once, audited. */
class ErasureActivitiesImplTest {
  static final String MARKER = "Er4se-MARKER";
  static TestDatabase db;
  @TempDir static Path dir;
  static ErasureActivitiesImpl activities;
  static String erased, kept, strangerOfOtherOrg, ownFile, keptFile;

  @BeforeAll
  static void seed() {
    db = TestDatabase.create("erasure");
    var orgs = db.organizations();
    orgs.create("org-a", "A");
    orgs.create("org-b", "B");
    ContactStore contacts = new ContactStore(db.dsl, Clock.systemUTC());
    List<String> ids = contacts.createContacts("org-a", List.of(
        new NewContact("Erased." + MARKER + "@example.com", "Erased " + MARKER, "en"),
        new NewContact("kept@example.com", "Kept", "en")));
    erased = ids.get(0);
    new io.workerplatform.documents.DocumentStore(db.dsl, Clock.systemUTC())
        .add("org-a", erased, "passport " + MARKER, java.time.LocalDate.parse("2027-01-31"));
    kept = ids.get(1);
    strangerOfOtherOrg = contacts.createContacts("org-b", List.of(new NewContact("b@example.com", "B", "en"))).get(0);
    String petition = db.petition("org-a", "Open petition");
    db.dsl.insertInto(PETITION_REPLIES).columns(PETITION_REPLIES.ID, PETITION_REPLIES.ORG_ID, PETITION_REPLIES.PETITION_ID, PETITION_REPLIES.CONTACT_ID, PETITION_REPLIES.BODY)
        .values("r-erased", "org-a", petition, erased, "reply " + MARKER)
        .values("r-kept", "org-a", petition, kept, "reply of kept").execute();
    db.dsl.insertInto(PETITION_COMMENTS).columns(PETITION_COMMENTS.ID, PETITION_COMMENTS.ORG_ID, PETITION_COMMENTS.PETITION_ID, PETITION_COMMENTS.CONTACT_ID, PETITION_COMMENTS.AUTHOR_NAME, PETITION_COMMENTS.BODY)
        .values("c-erased", "org-a", petition, erased, "Erased " + MARKER, "comment " + MARKER).execute();
    FileStore files = new FileStore(db.dsl, new LocalDirectoryFileStorage(dir), Clock.systemUTC());
    ownFile = files.save("org-a", erased, "passport-" + MARKER + ".pdf", "application/pdf", MARKER.getBytes()).id();
    keptFile = files.save("org-a", kept, "kept.pdf", "application/pdf", new byte[] {1}).id();
    db.dsl.insertInto(EMAIL_MESSAGES).set(EMAIL_MESSAGES.DEDUPE_KEY, "m-1").set(EMAIL_MESSAGES.ORG_ID, "org-a")
        .set(EMAIL_MESSAGES.CONTACT_ID, erased).set(EMAIL_MESSAGES.TEMPLATE, "petition-invite").set(EMAIL_MESSAGES.STATE, "FAILED")
        .set(EMAIL_MESSAGES.SES_MESSAGE_ID, "ses-1")
        .set(EMAIL_MESSAGES.ERROR, "rejected").set(EMAIL_MESSAGES.ERROR_DETAIL, "550 no mailbox erased." + MARKER + "@example.com").execute();
    db.dsl.insertInto(EMAIL_EVENTS).set(EMAIL_EVENTS.SNS_MESSAGE_ID, "sns-1").set(EMAIL_EVENTS.NOTIFICATION_TYPE, "Bounce")
        .set(EMAIL_EVENTS.SES_MESSAGE_ID, "ses-1")
        .set(EMAIL_EVENTS.RECIPIENT, "erased." + MARKER.toLowerCase() + "@example.com")
        .set(EMAIL_EVENTS.RAW, JSONB.jsonb("{\"to\":\"erased." + MARKER + "@example.com\"}")).execute();
    db.suppressions().add("erased." + MARKER + "@example.com", "bounce");
    db.suppressions().add("kept@example.com", "bounce");
    db.dsl.insertInto(SIGNATURE_REQUESTS).set(SIGNATURE_REQUESTS.ID, "sr-1").set(SIGNATURE_REQUESTS.ORG_ID, "org-a")
        .set(SIGNATURE_REQUESTS.PETITION_ID, petition).set(SIGNATURE_REQUESTS.FILE_ID, keptFile).set(SIGNATURE_REQUESTS.PROVIDER, "signaturit")
        .set(SIGNATURE_REQUESTS.STATE, "PENDING").set(SIGNATURE_REQUESTS.REMINDER_EVERY_DAYS, 3).set(SIGNATURE_REQUESTS.EXPIRES_IN_DAYS, 30)
        .execute();
    db.dsl.insertInto(SIGNATURE_SIGNERS).set(SIGNATURE_SIGNERS.SIGNATURE_REQUEST_ID, "sr-1").set(SIGNATURE_SIGNERS.ORG_ID, "org-a")
        .set(SIGNATURE_SIGNERS.CONTACT_ID, erased)
        .set(SIGNATURE_SIGNERS.POSITION, 1).execute();
    db.dsl.insertInto(SIGNATURE_EVENTS).set(SIGNATURE_EVENTS.SIGNATURE_REQUEST_ID, "sr-1").set(SIGNATURE_EVENTS.ORG_ID, "org-a")
        .set(SIGNATURE_EVENTS.PROVIDER, "signaturit")
        .set(SIGNATURE_EVENTS.TYPE, "document_signed").set(SIGNATURE_EVENTS.PAYLOAD, JSONB.jsonb("{\"email\":\"erased." + MARKER + "@example.com\"}")).execute();
    activities = new ErasureActivitiesImpl(db.dsl, PlatformPlugins.of(db.dsl, new LocalDirectoryFileStorage(dir)).personalData(), new ErasureStore(db.dsl, Clock.systemUTC(), TestDatabase.JSON), Clock.systemUTC());
  }

  @AfterAll
  static void close() throws Exception {
    db.close();
  }

  static int rowsWithMarker(Table<?> table) {
    return db.dsl.fetchCount(db.dsl.selectFrom(table).where(
        DSL.lower(DSL.cast(DSL.field(table.getQualifiedName()), String.class)).contains(MARKER.toLowerCase())));
  }

  @Test
  void erasesTheContactEverywhereOnceAndAuditsEachRequest() {
    Map<String, Long> first = activities.erase(new ErasureInput("org-a", erased));

    assertThat(first).containsExactlyInAnyOrderEntriesOf(Map.of(
        "email-events", 1L, "email-messages", 1L, "email-requests", 0L, "signature-events", 1L,
        "petition-replies", 1L, "petition-comments", 1L, "files", 1L, "contact-documents", 1L, "contacts", 1L));
    for (Table<?> table : List.of(io.workerplatform.db.Tables.CONTACT_DOCUMENTS, CONTACTS, PETITION_REPLIES, PETITION_COMMENTS, FILES, EMAIL_MESSAGES, EMAIL_EVENTS,
        SUPPRESSIONS, SIGNATURE_EVENTS, AUDIT_LOG)) {
      assertThat(rowsWithMarker(table)).as(table.getName()).isZero();
    }
    assertThat(Files.exists(dir.resolve("org-a/" + ownFile))).isFalse();
    assertThat(Files.exists(dir.resolve("org-a/" + keptFile))).isTrue();
    var contact = db.dsl.fetchSingle(CONTACTS, CONTACTS.ID.eq(erased));
    assertThat(contact.getEmail()).isEqualTo("anonymized-" + erased + "@invalid");
    assertThat(contact.getAnonymizedAt()).isNotNull();
    // the other contact keeps everything
    assertThat(db.dsl.fetchSingle(CONTACTS, CONTACTS.ID.eq(kept)).getEmail()).isEqualTo("kept@example.com");
    assertThat(db.dsl.fetchSingle(PETITION_REPLIES, PETITION_REPLIES.ID.eq("r-kept")).getBody()).isEqualTo("reply of kept");
    assertThat(db.suppressions().isSuppressed("kept@example.com")).isTrue();
    // the erased person stays suppressed, and no row holds their address
    assertThat(db.suppressions().isSuppressed("erased." + MARKER + "@example.com")).isTrue();
    // ids stay, so the signer and the message still count
    assertThat(db.dsl.fetchExists(SIGNATURE_SIGNERS, SIGNATURE_SIGNERS.CONTACT_ID.eq(erased))).isTrue();
    var audit = db.dsl.fetchSingle(AUDIT_LOG, AUDIT_LOG.ENTITY_ID.eq(erased));
    assertThat(audit.getActor()).isEqualTo("erasure");
    assertThat(audit.getOrgId()).isEqualTo("org-a");
    assertThat(io.workerplatform.common.CountsJson.read(TestDatabase.JSON, audit.getCounts().data())).isEqualTo(first);

    Map<String, Long> second = activities.erase(new ErasureInput("org-a", erased));

    assertThat(second.values()).containsOnly(0L);
    assertThat(db.dsl.fetchCount(AUDIT_LOG, AUDIT_LOG.ENTITY_ID.eq(erased))).isEqualTo(2);
  }

  @Test
  void anotherOrganizationsEventsForTheSameAddressStay() {
    String mine = new ContactStore(db.dsl, Clock.systemUTC())
        .createContacts("org-a", List.of(new NewContact("Shared@example.com", "Mine", "en"))).get(0);
    String theirs = new ContactStore(db.dsl, Clock.systemUTC())
        .createContacts("org-b", List.of(new NewContact("shared@example.com", "Theirs", "en"))).get(0);
    db.messageWithEvent("org-a", mine, "shared-a", "Complaint", "shared@example.com");
    db.messageWithEvent("org-b", theirs, "shared-b", "Delivery", "shared@example.com");
    db.suppressions().add("shared@example.com", "complaint");

    assertThat(activities.erase(new ErasureInput("org-a", mine))).containsEntry("email-events", 1L);

    var theirEvent = db.dsl.fetchSingle(EMAIL_EVENTS, EMAIL_EVENTS.SNS_MESSAGE_ID.eq("sns-shared-b"));
    assertThat(theirEvent.getRecipient()).isEqualTo("shared@example.com");
    assertThat(theirEvent.getRaw().data()).contains("shared@example.com");
    assertThat(db.dsl.fetchSingle(EMAIL_EVENTS, EMAIL_EVENTS.SNS_MESSAGE_ID.eq("sns-shared-a")).getRecipient()).endsWith("@invalid");
    assertThat(db.dsl.fetchSingle(CONTACTS, CONTACTS.ID.eq(theirs)).getEmail()).isEqualTo("shared@example.com");
    // whoever mails the address next, the complaint still counts
    assertThat(db.suppressions().isSuppressed("shared@example.com")).isTrue();
  }

  @Test
  void recordsTheOutcomeEvenForAnErasureStartedByHand() {
    activities.recordOutcome(new ErasureInput("org-a", kept), new ErasureResult(kept, ErasureResult.FAILED, Map.of(), "boom"));

    var row = db.dsl.fetchSingle(ERASURES, ERASURES.CONTACT_ID.eq(kept));
    assertThat(row.getStatus()).isEqualTo("FAILED");
    assertThat(row.getError()).isEqualTo("boom");
    assertThat(row.getOrgId()).isEqualTo("org-a");
  }

  @Test
  void aContactOfAnotherOrganizationOrNoneFailsForGood() {
    for (String contactId : List.of(strangerOfOtherOrg, "ct_nobody")) {
      assertThatThrownBy(() -> activities.erase(new ErasureInput("org-a", contactId)))
          .isInstanceOfSatisfying(ApplicationFailure.class, f -> {
            assertThat(f.getType()).isEqualTo(ErasureActivities.CONTACT_NOT_FOUND);
            assertThat(f.isNonRetryable()).isTrue();
            assertThat(f.getOriginalMessage()).isEqualTo("contact " + contactId + " does not exist in organization org-a");
          });
    }
    assertThat(db.dsl.fetchSingle(CONTACTS, CONTACTS.ID.eq(strangerOfOtherOrg)).getEmail()).isEqualTo("b@example.com");
  }
}
