package io.workerplatform.gdpr;

import static io.workerplatform.db.Tables.AUDIT_LOG;
import static io.workerplatform.db.Tables.CONTACTS;
import static io.workerplatform.db.Tables.EMAIL_EVENTS;
import static io.workerplatform.db.Tables.EMAIL_MESSAGES;
import static io.workerplatform.db.Tables.EXPORTS;
import static io.workerplatform.db.Tables.PETITION_REPLIES;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestActivityEnvironment;
import io.workerplatform.common.InvalidInput;
import io.workerplatform.common.PlatformPlugins;
import io.workerplatform.common.TestDatabase;
import io.workerplatform.contacts.ContactStore;
import io.workerplatform.contacts.ContactStore.NewContact;
import io.workerplatform.files.FileStore;
import io.workerplatform.files.LocalDirectoryFileStorage;
import io.workerplatform.gdpr.ExportStore.Export;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Exports against PostgreSQL and a local file store: status, ZIP contents, expiry. */
class DataExportActivitiesImplTest {
  static final JsonMapper json = TestDatabase.JSON;
  static TestDatabase db;
  @TempDir static Path dir;
  static LocalDirectoryFileStorage storage;
  static ExportStore exports;
  static String ana, ben, anasFile, orgFile;

  @BeforeAll
  static void seed() {
    db = TestDatabase.create("exports");
    var orgs = db.organizations();
    orgs.create("org-a", "A");
    orgs.create("org-b", "B");
    ContactStore contacts = new ContactStore(db.dsl, Clock.systemUTC());
    List<String> ids = contacts.createContacts("org-a", List.of(
        new NewContact("ana@example.com", "Ana", "en"), new NewContact("ben@example.com", "Ben", "en")));
    ana = ids.get(0);
    new io.workerplatform.documents.DocumentStore(db.dsl, java.time.Clock.systemUTC())
        .add("org-a", ana, "passport", java.time.LocalDate.parse("2027-01-31"));
    ben = ids.get(1);
    contacts.createContacts("org-b", List.of(new NewContact("other@example.com", "Other", "en")));
    String petition = db.petition("org-a", "Petition");
    db.dsl.insertInto(PETITION_REPLIES).columns(PETITION_REPLIES.ID, PETITION_REPLIES.ORG_ID, PETITION_REPLIES.PETITION_ID, PETITION_REPLIES.CONTACT_ID, PETITION_REPLIES.BODY)
        .values("r-ana", "org-a", petition, ana, "Ana's reply")
        .values("r-ben", "org-a", petition, ben, "Ben's reply").execute();
    storage = new LocalDirectoryFileStorage(dir);
    FileStore files = new FileStore(db.dsl, storage, Clock.systemUTC());
    anasFile = files.save("org-a", ana, "cv/../ana.pdf", "application/pdf", "ana's bytes".getBytes()).id();
    orgFile = files.save("org-a", "logo.png", "image/png", new byte[] {9, 8, 7}).id();
    exports = new ExportStore(db.dsl, Clock.systemUTC());
  }

  @AfterAll
  static void close() throws Exception {
    db.close();
  }

  static DataExportActivities stub(DataExportActivitiesImpl impl) {
    TestActivityEnvironment env = TestActivityEnvironment.newInstance();
    env.registerActivitiesImplementations(impl);
    return env.newActivityStub(DataExportActivities.class, ActivityOptions.newBuilder()
        .setStartToCloseTimeout(Duration.ofMinutes(1))
        .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(1).build())
        .build());
  }

  static Map<String, byte[]> unzip(byte[] zip) throws IOException {
    Map<String, byte[]> entries = new LinkedHashMap<>();
    try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
      for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
        entries.put(e.getName(), in.readAllBytes());
      }
    }
    return entries;
  }

  static ExportResult export(DataExportActivities activities, Export export) {
    ExportInput input = new ExportInput(export.id(), export.orgId(), export.contactId());
    activities.markProcessing(input);
    assertThat(exports.find(export.id()).orElseThrow().status()).isEqualTo(ExportResult.PROCESSING);
    return activities.build(input);
  }

  @Test
  void aContactsExportHoldsNoSesEventOfAnotherOrganizationForTheSameAddress() throws Exception {
    String sameAddressInB =
        new ContactStore(db.dsl, Clock.systemUTC())
            .createContacts("org-b", List.of(new NewContact("Ana@Example.com", "Ana at B", "en"))).get(0);
    db.messageWithEvent("org-a", ana, "iso-a", "Delivery", "ana@example.com");
    db.messageWithEvent("org-b", sameAddressInB, "iso-b", "Complaint", "ana@example.com");
    try {
      var activities = stub(new DataExportActivitiesImpl(db.dsl, storage, exports, PlatformPlugins.of(db.dsl, storage).personalData(), Duration.ofDays(7)));

      Export export = exports.create("org-a", ana);
      export(activities, export);

      Map<String, byte[]> entries = unzip(storage.get(exports.find(export.id()).orElseThrow().storageKey()));
      JsonNode events = json.readTree(entries.get("email_events.json"));
      assertThat(events).extracting(e -> e.get("ses_message_id").asString()).containsExactly("ses-iso-a");
    } finally {
      db.dsl.deleteFrom(EMAIL_EVENTS).where(EMAIL_EVENTS.SNS_MESSAGE_ID.like("sns-iso-%")).execute();
      db.dsl.deleteFrom(EMAIL_MESSAGES).where(EMAIL_MESSAGES.DEDUPE_KEY.like("iso-%")).execute();
      db.dsl.deleteFrom(CONTACTS).where(CONTACTS.ID.eq(sameAddressInB)).execute();
    }
  }

  @Test
  void aContactsExportHoldsTheirRowsAndFilesOnly() throws Exception {
    var activities = stub(new DataExportActivitiesImpl(db.dsl, storage, exports, PlatformPlugins.of(db.dsl, storage).personalData(), Duration.ofDays(7)));
    Export export = exports.create("org-a", ana);
    assertThat(export.status()).isEqualTo(ExportResult.PENDING);

    ExportResult result = export(activities, export);

    Export done = exports.find(export.id()).orElseThrow();
    assertThat(done.status()).isEqualTo(ExportResult.COMPLETED);
    assertThat(Duration.between(done.completedAt(), done.expiresAt())).isEqualTo(Duration.ofDays(7));
    byte[] zip = storage.get(done.storageKey());
    assertThat(zip).hasSize(done.sizeBytes().intValue());
    assertThat(done.sha256()).isEqualTo(FileStore.sha256(zip));
    Map<String, byte[]> entries = unzip(zip);
    assertThat(result).isEqualTo(new ExportResult(export.id(), ExportResult.COMPLETED, zip.length, entries.size(), null));
    assertThat(entries.keySet()).containsExactly(
        "contact.json", "documents.json", "petition_replies.json", "petition_comments.json", "email_messages.json", "email_requests.json", "email_events.json",
        "signature_requests.json", "files.json", "files/" + anasFile + "/cv_.._ana.pdf", "manifest.json");
    JsonNode contact = json.readTree(entries.get("contact.json"));
    assertThat(contact).hasSize(1);
    assertThat(contact.get(0).get("email").asString()).isEqualTo("ana@example.com");
    JsonNode replies = json.readTree(entries.get("petition_replies.json"));
    assertThat(replies).extracting(r -> r.get("body").asString()).containsExactly("Ana's reply");
    JsonNode documents = json.readTree(entries.get("documents.json"));
    assertThat(documents).singleElement().satisfies(d -> {
      assertThat(d.get("type").asString()).isEqualTo("passport");
      assertThat(d.get("expires_at").asString()).isEqualTo("2027-01-31");
    });
    assertThat(new String(entries.get("files/" + anasFile + "/cv_.._ana.pdf"))).isEqualTo("ana's bytes");
    JsonNode manifest = json.readTree(entries.get("manifest.json"));
    assertThat(manifest.get("contactId").asString()).isEqualTo(ana);
    assertThat(manifest.get("entries").get("petition_replies.json").asInt()).isEqualTo(1);
    assertThat(manifest.get("entries").get("files/").asInt()).isEqualTo(1);
  }

  @Test
  void anOrganizationsExportHoldsAllItsRowsAndNoOtherOrganizations() throws Exception {
    var activities = stub(new DataExportActivitiesImpl(db.dsl, storage, exports, PlatformPlugins.of(db.dsl, storage).personalData(), Duration.ofDays(7)));
    Export export = exports.create("org-a", null);

    export(activities, export);

    Map<String, byte[]> entries = unzip(storage.get(exports.find(export.id()).orElseThrow().storageKey()));
    assertThat(entries).containsKeys("organization.json", "contacts.json", "petitions.json", "bulk_sends.json",
        "files/" + orgFile + "/logo.png", "files/" + anasFile + "/cv_.._ana.pdf");
    assertThat(json.readTree(entries.get("contacts.json"))).extracting(c -> c.get("email").asString())
        .containsExactlyInAnyOrder("ana@example.com", "ben@example.com");
    assertThat(json.readTree(entries.get("petition_replies.json"))).hasSize(2);
    assertThat(entries.get("files/" + orgFile + "/logo.png")).containsExactly(9, 8, 7);
  }

  @Test
  void onlyAPendingExportStartsAndTheOrganizationMustMatch() {
    var activities = stub(new DataExportActivitiesImpl(db.dsl, storage, exports, PlatformPlugins.of(db.dsl, storage).personalData(), Duration.ofDays(7)));
    Export export = exports.create("org-a", ben);
    export(activities, export);

    assertThatThrownBy(() -> activities.markProcessing(new ExportInput(export.id(), "org-a", ben)))
        .isInstanceOf(ActivityFailure.class).cause()
        .isInstanceOfSatisfying(ApplicationFailure.class, f -> {
          assertThat(f.getType()).isEqualTo(InvalidInput.TYPE);
          assertThat(f.getOriginalMessage()).isEqualTo("export " + export.id() + " is COMPLETED, not PENDING");
        });
    assertThatThrownBy(() -> activities.build(new ExportInput(export.id(), "org-b", ben)))
        .isInstanceOf(ActivityFailure.class).cause()
        .hasMessageContaining("belongs to another organization than org-b");
    assertThatThrownBy(() -> activities.build(new ExportInput("exp_missing", "org-a", null)))
        .isInstanceOf(ActivityFailure.class).cause()
        .isInstanceOfSatisfying(ApplicationFailure.class,
            f -> assertThat(f.getType()).isEqualTo(DataExportActivities.EXPORT_NOT_FOUND));
  }

  @Test
  void aFailedExportKeepsItsReason() {
    var activities = stub(new DataExportActivitiesImpl(db.dsl, storage, exports, PlatformPlugins.of(db.dsl, storage).personalData(), Duration.ofDays(7)));
    Export export = exports.create("org-a", null);

    activities.markFailed(new ExportInput(export.id(), "org-a", null), "IllegalStateException: disk full");

    Export failed = exports.find(export.id()).orElseThrow();
    assertThat(failed.status()).isEqualTo(ExportResult.FAILED);
    assertThat(failed.error()).isEqualTo("IllegalStateException: disk full");
  }

  @Test
  void theCleanupDeletesExpiredArchivesOnlyAndOnce() throws Exception {
    var activities = stub(new DataExportActivitiesImpl(db.dsl, storage, exports, PlatformPlugins.of(db.dsl, storage).personalData(), Duration.ofDays(7)));
    Export old = exports.create("org-b", null);
    Export fresh = exports.create("org-b", null);
    export(activities, old);
    export(activities, fresh);
    Path oldArchive = dir.resolve(exports.find(old.id()).orElseThrow().storageKey());
    db.dsl.update(EXPORTS).set(EXPORTS.EXPIRES_AT, java.time.OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(1))
        .where(EXPORTS.ID.eq(old.id())).execute();
    ExportCleanup cleanup = new ExportCleanup(db.dsl, storage);
    Instant now = Instant.now();

    assertThat(cleanup.run(Map.of(), now, () -> {})).containsEntry("expired", 1L);

    assertThat(Files.exists(oldArchive)).isFalse();
    Export expired = exports.find(old.id()).orElseThrow();
    assertThat(expired.status()).isEqualTo(ExportResult.EXPIRED);
    assertThat(expired.storageKey()).isNull();
    Export kept = exports.find(fresh.id()).orElseThrow();
    assertThat(kept.status()).isEqualTo(ExportResult.COMPLETED);
    assertThat(Files.exists(dir.resolve(kept.storageKey()))).isTrue();
    assertThat(db.dsl.fetchCount(AUDIT_LOG, AUDIT_LOG.ACTOR.eq(ExportCleanup.NAME).and(AUDIT_LOG.ORG_ID.eq("org-b")))).isEqualTo(1);
    assertThat(cleanup.run(Map.of(), now, () -> {})).containsEntry("expired", 0L);
  }
}
