package io.workerplatform.bulksend;

import static org.assertj.core.api.Assertions.assertThat;

import io.workerplatform.common.Ids;
import io.workerplatform.common.TestDatabase;
import io.workerplatform.contacts.ContactStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

class BulkSendStoreTest {
  private static final TestDatabase db = TestDatabase.create("bulk_send_store");

  @AfterAll
  static void dropSchema() throws Exception {
    db.close();
  }

  @Test
  void theRelayNeverFindsAScheduledBulkSendBeforeItsTime() {
    String orgId = Ids.newId("org");
    db.organizations().create(orgId, "Acme");
    ContactStore contacts = new ContactStore(db.dsl, Clock.systemUTC());
    contacts.createContacts(orgId, List.of(new ContactStore.NewContact("a@example.com", "A", "en")));
    String petition = db.petition(orgId, "P");
    BulkSendStore store = new BulkSendStore(db.dsl, Clock.systemUTC());

    String now = store.create(orgId, petition, "petition-invite", null);
    String due = store.create(orgId, petition, "petition-invite", null, Instant.now().minusSeconds(1));
    String later = store.create(orgId, petition, "petition-invite", null, Instant.now().plus(Duration.ofHours(1)));

    assertThat(store.unstarted(Duration.ZERO, 100)).contains(now, due).doesNotContain(later);
    assertThat(store.find(later).orElseThrow().status()).isEqualTo(BulkSendWorkflow.SCHEDULED);
    assertThat(store.find(later).orElseThrow().sendAt()).isAfter(Instant.now());
  }
}
