package io.workerplatform.retention;

import static io.workerplatform.db.Tables.AUDIT_LOG;
import static io.workerplatform.db.Tables.CONTACTS;
import static io.workerplatform.db.Tables.PETITIONS;
import static io.workerplatform.db.Tables.PETITION_REPLIES;
import static org.assertj.core.api.Assertions.assertThat;

import io.workerplatform.common.CountsJson;
import io.workerplatform.common.PlatformMetrics;
import io.workerplatform.common.PlatformPlugins;
import io.workerplatform.common.TestDatabase;
import io.workerplatform.contacts.ContactStore;
import io.workerplatform.contacts.ContactStore.NewContact;
import io.workerplatform.files.LocalDirectoryFileStorage;
import java.nio.file.Path;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Workers over shares of the rows change every due row exactly once, whatever the parallelism. */
class AnonymizerParallelTest {
  static TestDatabase db;
  @TempDir static Path dir;

  @BeforeAll
  static void seed() {
    db = TestDatabase.create("anonymizer_parallel");
    db.organizations().create("org-p", "P");
    ContactStore contacts = new ContactStore(db.dsl, Clock.systemUTC());
    OffsetDateTime longAgo = OffsetDateTime.now(ZoneOffset.UTC).minusDays(100);
    // 60 contacts, two of each address, so shares by address are tested too
    List<String> ids = contacts.createContacts("org-p",
        IntStream.range(0, 60).mapToObj(i -> new NewContact("p" + (i / 2) + "@example.com", "P" + i, "en")).toList());
    db.dsl.update(CONTACTS).set(CONTACTS.DELETED_AT, longAgo).execute();
    for (int p = 0; p < 40; p++) {
      String petition = db.petition("org-p", "Petition " + p);
      for (int r = 0; r < 7; r++) {
        db.dsl.insertInto(PETITION_REPLIES).set(PETITION_REPLIES.ID, "r-" + p + "-" + r).set(PETITION_REPLIES.ORG_ID, "org-p")
            .set(PETITION_REPLIES.PETITION_ID, petition).set(PETITION_REPLIES.CONTACT_ID, ids.get((p + r) % 60))
            .set(PETITION_REPLIES.BODY, "reply").execute();
      }
    }
    db.dsl.update(PETITIONS).set(PETITIONS.DELETED_AT, longAgo).execute();
  }

  @AfterAll
  static void close() throws Exception {
    db.close();
  }

  @Test
  void threeWorkersChangeEveryDueRowOnce() {
    Anonymizer anonymizer = new Anonymizer(db.dsl, Clock.systemUTC(), Map.of(), PlatformMetrics.none(),
        PlatformPlugins.of(db.dsl, new LocalDirectoryFileStorage(dir)).retention(),
        PlatformPlugins.ANONYMIZER_AUDIT);
    AtomicInteger heartbeats = new AtomicInteger();

    Map<String, Long> counts = anonymizer.run(Map.of("batchSize", "4", "parallelism", "3"), heartbeats::incrementAndGet);

    assertThat(counts).containsEntry("petition-replies", 280L).containsEntry("petitions", 40L).containsEntry("contacts", 60L);
    assertThat(db.dsl.fetchCount(PETITION_REPLIES, PETITION_REPLIES.ANONYMIZED_AT.isNull())).isZero();
    assertThat(db.dsl.fetchCount(CONTACTS, CONTACTS.ANONYMIZED_AT.isNull())).isZero();
    assertThat(heartbeats.get()).isEqualTo(counts.get("batches").intValue());
    long audited = db.dsl.selectFrom(AUDIT_LOG).where(AUDIT_LOG.ENTITY_TYPE.eq("petition-reply")).fetch()
        .stream().mapToLong(a -> CountsJson.read(TestDatabase.JSON, a.getCounts().data()).get("rows")).sum();
    assertThat(audited).isEqualTo(280);
  }
}
