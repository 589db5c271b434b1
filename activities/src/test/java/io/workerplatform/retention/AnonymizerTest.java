package io.workerplatform.retention;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.workerplatform.common.PlatformMetrics;
import static io.workerplatform.db.Tables.AUDIT_LOG;
import static io.workerplatform.db.Tables.CONTACTS;
import static io.workerplatform.db.Tables.DOMAIN_EVENTS;
import static io.workerplatform.db.Tables.EMAIL_EVENTS;
import static io.workerplatform.db.Tables.EMAIL_MESSAGES;
import static io.workerplatform.db.Tables.FILES;
import static io.workerplatform.db.Tables.MEMBERS;
import static io.workerplatform.db.Tables.PETITIONS;
import static io.workerplatform.db.Tables.PETITION_COMMENTS;
import static io.workerplatform.db.Tables.PETITION_REPLIES;
import static io.workerplatform.db.Tables.RETENTION_PERIODS;
import static io.workerplatform.db.Tables.SCHEDULED_DELETIONS;
import static io.workerplatform.db.Tables.SUPPRESSIONS;
import static org.assertj.core.api.Assertions.assertThat;

import io.workerplatform.common.PlatformPlugins;
import io.workerplatform.common.TestDatabase;
import io.workerplatform.personaldata.Erased;
import io.workerplatform.contacts.ContactStore;
import io.workerplatform.contacts.ContactStore.NewContact;
import io.workerplatform.files.FileStore;
import io.workerplatform.files.LocalDirectoryFileStorage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.jooq.JSONB;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The anonymizer over every category, two organizations with different retention, twice. */
class AnonymizerTest {
  static final String MARKER = "Zq7-MARKER";
  static TestDatabase db;
  @TempDir static Path dir;
  static OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
  static FileStore files;
  static String petitionA, petitionB, openPetition, fileA, fileB;
  static List<String> contactsA;

  @BeforeAll
  static void seed() {
    db = TestDatabase.create("anonymizer");
    var orgs = db.organizations();
    orgs.create("org-a", "A");
    orgs.create("org-b", "B");
    db.dsl.insertInto(RETENTION_PERIODS).set(RETENTION_PERIODS.ORG_ID, "org-a")
        .set(RETENTION_PERIODS.CATEGORY, "petitions").set(RETENTION_PERIODS.DAYS, 10).execute();
    ContactStore contacts = new ContactStore(db.dsl, Clock.systemUTC());
    contactsA = contacts.createContacts("org-a", List.of(
        new NewContact("gone-" + MARKER + "@example.com", "Gone " + MARKER, "en"),
        new NewContact("stays@example.com", "Stays", "en"),
        new NewContact("scheduled-" + MARKER + "@example.com", "Scheduled " + MARKER, "en")));
    petitionA = db.petition("org-a", "Deleted A " + MARKER);
    petitionB = db.petition("org-b", "Deleted B " + MARKER);
    openPetition = db.petition("org-a", "Open");
    db.dsl.update(PETITIONS).set(PETITIONS.DELETED_AT, now.minusDays(20)).where(PETITIONS.ID.in(petitionA, petitionB)).execute();
    db.dsl.update(CONTACTS).set(CONTACTS.DELETED_AT, now.minusDays(40)).where(CONTACTS.ID.eq(contactsA.get(0))).execute();
    for (int i = 0; i < 5; i++) {
      reply(petitionA, "a" + i, null);
      reply(petitionB, "b" + i, null);
    }
    reply(openPetition, "by-gone", contactsA.get(0));
    reply(openPetition, "by-stays", contactsA.get(1));
    db.dsl.insertInto(PETITION_COMMENTS).set(PETITION_COMMENTS.ID, "cm-a").set(PETITION_COMMENTS.ORG_ID, "org-a")
        .set(PETITION_COMMENTS.PETITION_ID, petitionA).set(PETITION_COMMENTS.AUTHOR_NAME, "Author " + MARKER)
        .set(PETITION_COMMENTS.BODY, "comment " + MARKER).execute();
    // SES events are the contact's through the organization's messages to them
    db.dsl.insertInto(EMAIL_MESSAGES).set(EMAIL_MESSAGES.DEDUPE_KEY, "m-gone").set(EMAIL_MESSAGES.ORG_ID, "org-a")
        .set(EMAIL_MESSAGES.CONTACT_ID, contactsA.get(0)).set(EMAIL_MESSAGES.TEMPLATE, "petition-invite")
        .set(EMAIL_MESSAGES.STATE, "SENT").set(EMAIL_MESSAGES.SES_MESSAGE_ID, "ses-gone").execute();
    db.suppressions().add("gone-" + MARKER + "@example.com", "complaint");
    db.dsl.insertInto(EMAIL_EVENTS).set(EMAIL_EVENTS.SNS_MESSAGE_ID, "sns-1").set(EMAIL_EVENTS.NOTIFICATION_TYPE, "Bounce")
        .set(EMAIL_EVENTS.SES_MESSAGE_ID, "ses-gone")
        .set(EMAIL_EVENTS.RECIPIENT, "gone-" + MARKER + "@example.com")
        .set(EMAIL_EVENTS.RAW, JSONB.jsonb("{\"to\":\"gone-" + MARKER + "@example.com\"}")).execute();
    db.dsl.insertInto(SCHEDULED_DELETIONS).set(SCHEDULED_DELETIONS.ID, "sd-1").set(SCHEDULED_DELETIONS.ORG_ID, "org-a")
        .set(SCHEDULED_DELETIONS.ENTITY_TYPE, "contact").set(SCHEDULED_DELETIONS.ENTITY_ID, contactsA.get(2))
        .set(SCHEDULED_DELETIONS.DELETE_AT, now.minusDays(31)).execute();
    db.storeEvent("org-a", "evt-old", "petition.signed", "{\"signer\":\"" + MARKER + "\"}");
    db.storeEvent("org-a", "evt-new", "petition.signed", "{\"signer\":\"" + MARKER + "\"}");
    db.dsl.update(DOMAIN_EVENTS).set(DOMAIN_EVENTS.CREATED_AT, now.minusDays(100)).where(DOMAIN_EVENTS.EXTERNAL_ID.eq("evt-old")).execute();
    var members = new io.workerplatform.members.MemberStore(db.dsl, Clock.systemUTC());
    for (String who : List.of("gone", "recent", "live")) {
      var member = members.create("org-a", new io.workerplatform.members.MemberStore.NewMember(
          who + "-" + MARKER + "@example.com", "Member " + MARKER, "ADMIN", "UTC", "en"));
      if (!who.equals("live")) {
        members.delete("org-a", member.id());
        db.dsl.update(MEMBERS).set(MEMBERS.DELETED_AT, now.minusDays(who.equals("gone") ? 40 : 5))
            .where(MEMBERS.ID.eq(member.id())).execute();
      }
    }
    files = new FileStore(db.dsl, new LocalDirectoryFileStorage(dir), Clock.systemUTC());
    fileA = files.save("org-a", "id-" + MARKER + ".pdf", "application/pdf", MARKER.getBytes()).id();
    fileB = files.save("org-b", "recent.pdf", "application/pdf", new byte[] {1}).id();
    db.dsl.update(FILES).set(FILES.DELETED_AT, now.minusDays(40)).where(FILES.ID.eq(fileA)).execute();
    db.dsl.update(FILES).set(FILES.DELETED_AT, now.minusDays(5)).where(FILES.ID.eq(fileB)).execute();
  }

  static void reply(String petition, String id, String contactId) {
    db.dsl.insertInto(PETITION_REPLIES).set(PETITION_REPLIES.ID, id)
        .set(PETITION_REPLIES.ORG_ID, db.dsl.fetchSingle(PETITIONS, PETITIONS.ID.eq(petition)).getOrgId())
        .set(PETITION_REPLIES.PETITION_ID, petition).set(PETITION_REPLIES.CONTACT_ID, contactId)
        .set(PETITION_REPLIES.BODY, "reply " + id + " " + MARKER).execute();
  }

  @AfterAll
  static void close() throws Exception {
    db.close();
  }

  @Test
  void anonymizesWhatIsDueByEachOrganizationsRetentionOnceInBatches() throws Exception {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    Anonymizer anonymizer =
        new Anonymizer(
            db.dsl, Clock.systemUTC(), Map.of("petitions", 30, "contacts", 30, "files", 30, "events", 90),
            new PlatformMetrics(registry, false), PlatformPlugins.of(db.dsl, new LocalDirectoryFileStorage(dir)).retention(),
        PlatformPlugins.ANONYMIZER_AUDIT);
    AtomicInteger heartbeats = new AtomicInteger();

    Map<String, Long> first = anonymizer.run(Map.of("batchSize", "2", "parallelism", "1"), heartbeats::incrementAndGet);

    assertThat(first).containsExactly(
        Map.entry("scheduled-deletions", 1L), Map.entry("petition-replies", 5L), Map.entry("petition-comments", 1L),
        Map.entry("petitions", 1L), Map.entry("contacts", 2L), Map.entry("members", 1L), Map.entry("files", 1L),
        Map.entry("events", 1L), Map.entry("batches", 11L), Map.entry("longest-batch-ms", first.get("longest-batch-ms")));
    // batches of 2: deletions 1, replies 3, comments 1, petitions 1, contacts 2 (a full one, then an empty one), members 1, files 1, events 1
    assertThat(first.get("longest-batch-ms")).isBetween(0L, 5_000L);
    // the meters say the same, per category
    assertThat(registry.get("platform.anonymizer.rows").tags("category", "petition-replies").counter().count()).isEqualTo(5);
    assertThat(registry.get("platform.anonymizer.rows").tags("category", "contacts").counter().count()).isEqualTo(2);
    assertThat(registry.get("platform.anonymizer.batch.duration").timers().stream().mapToLong(t -> t.count()).sum())
        .isEqualTo(11);
    assertThat(heartbeats.get()).isGreaterThanOrEqualTo(9); // 3 batches of replies alone
    // org-a's 10 days made its petition due; org-b's default 30 days did not
    assertThat(db.dsl.fetchSingle(PETITIONS, PETITIONS.ID.eq(petitionA)).getTitle()).isEqualTo(Erased.TEXT);
    assertThat(db.dsl.fetchSingle(PETITIONS, PETITIONS.ID.eq(petitionB)).getTitle()).contains(MARKER);
    assertThat(db.dsl.fetchCount(PETITION_REPLIES, PETITION_REPLIES.PETITION_ID.eq(petitionB).and(PETITION_REPLIES.BODY.contains(MARKER)))).isEqualTo(5);
    assertThat(db.dsl.fetchSingle(PETITION_REPLIES, PETITION_REPLIES.ID.eq("by-stays")).getBody()).contains(MARKER);
    assertThat(db.dsl.fetchSingle(PETITION_REPLIES, PETITION_REPLIES.ID.eq("by-gone")).getBody()).isNull();
    var gone = db.dsl.fetchSingle(CONTACTS, CONTACTS.ID.eq(contactsA.get(0)));
    assertThat(gone.getEmail()).isEqualTo("anonymized-" + gone.getId() + "@invalid");
    assertThat(gone.getName()).isNull();
    assertThat(db.dsl.fetchSingle(CONTACTS, CONTACTS.ID.eq(contactsA.get(2))).getAnonymizedAt()).isNotNull();
    assertThat(db.dsl.fetchSingle(CONTACTS, CONTACTS.ID.eq(contactsA.get(1))).getEmail()).isEqualTo("stays@example.com");
    // the member deleted 40 days ago is anonymized; the one deleted 5 days ago and the live one are not
    assertThat(db.dsl.fetch(MEMBERS).stream().filter(m -> m.getAnonymizedAt() != null).map(m -> m.getEmail()).toList())
        .singleElement().satisfies(email -> assertThat(email).startsWith("anonymized-mem_").endsWith("@invalid"));
    assertThat(db.dsl.fetchCount(MEMBERS, MEMBERS.EMAIL.contains(MARKER))).isEqualTo(2);
    assertThat(db.dsl.fetchCount(MEMBERS, MEMBERS.ANONYMIZED_AT.isNotNull().and(MEMBERS.NAME.isNull()))).isEqualTo(1);
    assertThat(Files.exists(dir.resolve("org-a/" + fileA))).isFalse();
    assertThat(Files.exists(dir.resolve("org-b/" + fileB))).isTrue();
    // org-a's rows hold the marker nowhere any more (but for the reply of a contact still here)
    for (var table : List.of(PETITIONS, PETITION_REPLIES, PETITION_COMMENTS, CONTACTS, FILES)) {
      assertThat(db.dsl.fetchCount(db.dsl.selectFrom(table).where(
              table.field("org_id", String.class).eq("org-a")
                  .and(table.field("id", String.class).ne("by-stays"))
                  .and(org.jooq.impl.DSL.cast(org.jooq.impl.DSL.field(table.getQualifiedName()), String.class).contains(MARKER)))))
          .as(table.getName()).isZero();
    }
    assertThat(db.dsl.fetchSingle(DOMAIN_EVENTS, DOMAIN_EVENTS.EXTERNAL_ID.eq("evt-old")).getPayload().data()).doesNotContain(MARKER);
    assertThat(db.dsl.fetchSingle(DOMAIN_EVENTS, DOMAIN_EVENTS.EXTERNAL_ID.eq("evt-new")).getPayload().data()).contains(MARKER);
    assertThat(db.dsl.fetchCount(EMAIL_EVENTS, EMAIL_EVENTS.RAW.cast(String.class).contains(MARKER).or(EMAIL_EVENTS.RECIPIENT.contains(MARKER)))).isZero();
    // the suppression of the anonymized address stays, as a keyed hash
    assertThat(db.suppressions().isSuppressed("gone-" + MARKER + "@example.com")).isTrue();
    assertThat(db.dsl.fetchCount(SUPPRESSIONS, SUPPRESSIONS.ADDRESS.isNotNull())).isZero();
    int audits = db.dsl.fetchCount(AUDIT_LOG);
    assertThat(audits).isGreaterThanOrEqualTo(8);
    assertThat(db.dsl.fetchCount(AUDIT_LOG, AUDIT_LOG.ORG_ID.eq("org-b"))).isZero();
    assertThat(db.dsl.fetch(AUDIT_LOG).formatJSON()).doesNotContain(MARKER);

    Map<String, Long> second = anonymizer.run(Map.of("batchSize", "2", "parallelism", "3"), () -> {});

    assertThat(second).containsEntry("batches", 24L); // one empty batch per category and share
    second.keySet().removeAll(List.of("batches", "longest-batch-ms"));
    assertThat(second.values()).containsOnly(0L);
    assertThat(db.dsl.fetchCount(AUDIT_LOG)).isEqualTo(audits);

    // A cron run measures retention from its workflow's time: 30 days on, the member deleted 5
    // days ago is due.
    Map<String, Long> later =
        anonymizer.run(Map.of("batchSize", "2", "parallelism", "1"), now.plusDays(30).toInstant(), () -> {});
    assertThat(later).containsEntry("members", 1L);
  }
}
