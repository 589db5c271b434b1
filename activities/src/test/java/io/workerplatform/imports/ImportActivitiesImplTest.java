package io.workerplatform.imports;

import static io.workerplatform.db.Tables.CONTACTS;
import static io.workerplatform.db.Tables.IMPORTS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestActivityEnvironment;
import io.workerplatform.common.InvalidFieldException;
import io.workerplatform.common.TestDatabase;
import io.workerplatform.contacts.ContactImports;
import io.workerplatform.files.LocalDirectoryFileStorage;
import io.workerplatform.imports.ImportActivities.Slice;
import io.workerplatform.imports.ImportStore.RowError;
import io.workerplatform.imports.ImportUploads.Created;
import io.workerplatform.imports.ImportUploads.KeyReused;
import io.workerplatform.imports.ImportUploads.Replayed;
import io.workerplatform.profiles.ProfileImports;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Uploads and batches against PostgreSQL and a local file storage. */
class ImportActivitiesImplTest {
  static TestDatabase db;
  static ImportStore store;
  @TempDir Path files;
  LocalDirectoryFileStorage storage;
  ImportUploads uploads;
  TestActivityEnvironment env;
  ImportActivities activities;
  String orgId;

  @BeforeAll
  static void database() {
    db = TestDatabase.create("imports");
    store = new ImportStore(db.dsl, Clock.systemUTC());
  }

  @AfterAll
  static void close() throws Exception {
    db.close();
  }

  @BeforeEach
  void organization() {
    orgId = "org-" + System.nanoTime();
    db.organizations().create(orgId, "Org");
    storage = new LocalDirectoryFileStorage(files);
    List<ImportTarget> targets = List.of(new ContactImports(), new ProfileImports());
    uploads = new ImportUploads(db.dsl, store, storage, targets, 1_000);
    env = TestActivityEnvironment.newInstance();
    // batches of 2 rows; a slice takes a single batch, so each call below is one batch
    env.registerActivitiesImplementations(new ImportActivitiesImpl(
        db.dsl, store, storage, targets, new ImportActivitiesImpl.Settings(2, Duration.ZERO, 1_000), Clock.systemUTC()));
    activities = env.newActivityStub(ImportActivities.class, ActivityOptions.newBuilder()
        .setStartToCloseTimeout(Duration.ofSeconds(30))
        .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(1).build())
        .build());
  }

  @AfterEach
  void closeEnvironment() {
    env.close();
  }

  private ImportUploads.Outcome upload(String kind, String csv, String key) {
    var upload = uploads.store(orgId, "contacts.csv", new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)));
    return uploads.create(orgId, kind, upload, key);
  }

  private String created(String kind, String csv) {
    return ((Created) upload(kind, csv, null)).created().id();
  }

  @Test
  void batchesCommitTheirRowsErrorsAndOffsetTogetherAndTheFileGoesWhenTheImportEnds() {
    String id = created("contacts", """
        email,name,locale\r
        ana@example.com,"Diaz, Ana",es\r
        not-an-address,Bo,en\r
        \r
        cy@example.com,Cy\r
        "dee@example.com",Dee,""\r
        """);

    activities.prepare(id);
    Slice first = activities.importSlice(id);
    assertThat(first).isEqualTo(new Slice(new ImportCounters(2, 1, 0, 1), false));
    var row = db.dsl.selectFrom(IMPORTS).where(IMPORTS.ID.eq(id)).fetchSingle();
    assertThat(row.getNextLine()).as("the blank line 4 is skipped by the next batch").isEqualTo(4);
    Slice second = activities.importSlice(id);
    assertThat(second).isEqualTo(new Slice(new ImportCounters(4, 2, 0, 2), false));
    Slice last = activities.importSlice(id);
    assertThat(last).isEqualTo(new Slice(new ImportCounters(4, 2, 0, 2), true));

    assertThat(store.errors(id, 0, 100)).containsExactly(
        new RowError(3, "email", "is not a valid email address"),
        new RowError(5, null, "has 2 fields; the header has 3"));
    assertThat(db.dsl.select(CONTACTS.EMAIL, CONTACTS.NAME, CONTACTS.LOCALE).from(CONTACTS)
            .where(CONTACTS.ORG_ID.eq(orgId)).orderBy(CONTACTS.EMAIL).fetch().map(r -> r.intoList()))
        .containsExactly(List.of("ana@example.com", "Diaz, Ana", "es"), List.of("dee@example.com", "Dee", "en"));

    String key = row.getStorageKey();
    assertThat(Files.exists(files.resolve(key))).isTrue();
    assertThat(activities.finish(new ImportActivities.FinishRequest(id, "COMPLETED", null)))
        .isEqualTo(new ImportCounters(4, 2, 0, 2));
    assertThat(Files.exists(files.resolve(key))).as("deleted once the import ended").isFalse();
    assertThat(store.find(orgId, id).orElseThrow().status()).isEqualTo("COMPLETED");
  }

  @Test
  void aBatchRetriedAfterItsCommitStartsAtTheStoredOffsetSoNoRowIsWrittenTwice() {
    String id = created("contacts", "email,name\na@example.com,A\nb@example.com,B\nc@example.com,C\n");
    activities.importSlice(id);
    // the same activity again, as a retry after a worker died between commit and completion
    activities.importSlice(id);
    activities.importSlice(id);

    assertThat(db.dsl.fetchCount(CONTACTS, CONTACTS.ORG_ID.eq(orgId))).isEqualTo(3);
    assertThat(store.find(orgId, id).orElseThrow().rows()).isEqualTo(3);
  }

  @Test
  void theHeaderIsCheckedAtUploadAndARefusedUploadLeavesNoBytes() throws Exception {
    assertThatThrownBy(() -> upload("contacts", "email,phone\na@example.com,1\n", null))
        .isInstanceOf(InvalidFieldException.class).extracting("field").isEqualTo("file");
    assertThatThrownBy(() -> upload("contacts", "email,email\n", null))
        .hasMessage("file header names the column email twice");
    assertThatThrownBy(() -> upload("contacts", "name\nAna\n", null))
        .hasMessage("file header lacks the column email (a contacts file has email, name)");
    assertThatThrownBy(() -> upload("tasks", "email,name\n", null))
        .hasMessage("kind must be one of contacts, profiles");
    assertThatThrownBy(() -> upload("contacts", "email,name\n" + "x".repeat(1_000), null))
        .isInstanceOf(ImportUploads.TooLargeException.class);

    try (var left = Files.walk(files)) {
      assertThat(left.filter(Files::isRegularFile).toList()).isEmpty();
    }
    assertThat(db.dsl.fetchCount(IMPORTS, IMPORTS.ORG_ID.eq(orgId))).isZero();
  }

  @Test
  void theSameKeyAndFileAnswerTheFirstImportAndTheKeyWithAnotherFileIsRefused() {
    String csv = "email,name\na@example.com,A\n";
    Created first = (Created) upload("contacts", csv, "key-1");

    assertThat(upload("contacts", csv, "key-1")).isEqualTo(new Replayed(first.created()));
    assertThat(upload("contacts", csv + "b@example.com,B\n", "key-1")).isInstanceOf(KeyReused.class);
    assertThat(db.dsl.fetchCount(IMPORTS, IMPORTS.ORG_ID.eq(orgId))).isEqualTo(1);
  }

  @Test
  void aFileGoneFromTheStorageFailsTheSliceForGood() throws Exception {
    String id = created("profiles", "type,name,country,externalId\nPERSON,Ana,ES,1\n");
    Files.delete(files.resolve(store.find(orgId, id).orElseThrow().storageKey()));

    assertThatThrownBy(() -> activities.importSlice(id))
        .isInstanceOf(ActivityFailure.class)
        .cause().isInstanceOf(ApplicationFailure.class)
        .extracting(f -> ((ApplicationFailure) f).getType()).isEqualTo(ImportActivities.FILE_UNREADABLE);
  }
}
