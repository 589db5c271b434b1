package io.workerplatform.bulksends;

import io.workerplatform.outbox.Outbox;
import static io.workerplatform.db.Tables.EMAIL_MESSAGES;
import static org.assertj.core.api.Assertions.assertThat;

import io.workerplatform.common.Ids;
import io.workerplatform.common.TestDatabase;
import io.workerplatform.contacts.ContactStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import io.workerplatform.usage.UsageStore;
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

    assertThat(unstarted(store)).contains(now, due).doesNotContain(later);
    assertThat(store.find(later).orElseThrow().status()).isEqualTo(BulkSendWorkflow.SCHEDULED);
    assertThat(store.find(later).orElseThrow().sendAt()).isAfter(Instant.now());
  }

  private static BulkSendStore storeWithUsage(UsageStore usage) {
    return new BulkSendStore(
        db.dsl, Clock.systemUTC(),
        (tx, orgId, at, recipients, emails) -> usage.in(tx).releaseBulkSend(orgId, at, recipients, emails));
  }

  private static String organizationWithContacts(int n) {
    String orgId = Ids.newId("org");
    db.organizations().create(orgId, "Acme");
    new ContactStore(db.dsl, Clock.systemUTC())
        .createContacts(
            orgId,
            java.util.stream.IntStream.range(0, n)
                .mapToObj(i -> new ContactStore.NewContact("c" + i + "@example.com", "C", "en"))
                .toList());
    return orgId;
  }

  @Test
  void aBulkSendCancelledBeforeItsWorkflowStartedIsNeverStartedSendsNothingAndGivesBackItsReservation() {
    String orgId = organizationWithContacts(3);
    UsageStore usage = new UsageStore(db.dsl, Clock.systemUTC());
    BulkSendStore store = storeWithUsage(usage);
    String id =
        store.create(
            orgId, db.petition(orgId, "P"), "petition-invite", null, Instant.now().minusSeconds(1),
            (t, total) -> usage.in(t).reserveBulkSend(orgId, total));
    assertThat(usage.usage(orgId).bulkSendRecipients().used()).isEqualTo(3);

    assertThat(store.cancelUnstarted(orgId, id)).isTrue();
    assertThat(store.cancelUnstarted(orgId, id)).as("a second cancel").isFalse();

    assertThat(usage.usage(orgId).bulkSendRecipients().used()).isZero();
    assertThat(usage.usage(orgId).emails().used()).isZero();
    assertThat(unstarted(store)).doesNotContain(id);
    // a workflow started meanwhile (the relay's start raced the cancel) finds no page and stays cancelled
    assertThat(store.markRunning(id)).isEqualTo(3);
    assertThat(store.nextPage(id, null, 100).size()).isZero();
    store.finish(id, BulkSendWorkflow.COMPLETED);
    assertThat(store.find(id).orElseThrow().status()).isEqualTo(BulkSendWorkflow.CANCELLED);
    assertThat(usage.usage(orgId).bulkSendRecipients().used()).isZero();
  }

  @Test
  void aBulkSendCancelledMidwayGivesBackWhatItDidNotSendOnce() {
    String orgId = organizationWithContacts(3);
    UsageStore usage = new UsageStore(db.dsl, Clock.systemUTC());
    BulkSendStore store = storeWithUsage(usage);
    String id =
        store.create(
            orgId, db.petition(orgId, "P"), "petition-invite", null, null,
            (t, total) -> usage.in(t).reserveBulkSend(orgId, total));
    new Outbox(db.dsl, Clock.systemUTC()).markStarted(BulkSendStore.OUTBOX, List.of(id));
    store.markRunning(id);
    String contact = store.recipients(id, null, "\uffff").get(0);
    db.dsl.insertInto(EMAIL_MESSAGES)
        .set(EMAIL_MESSAGES.DEDUPE_KEY, BulkSendActivitiesImpl.dedupeKey(id, contact))
        .set(EMAIL_MESSAGES.ORG_ID, orgId)
        .set(EMAIL_MESSAGES.CONTACT_ID, contact)
        .set(EMAIL_MESSAGES.BULK_SEND_ID, id)
        .set(EMAIL_MESSAGES.TEMPLATE, "petition-invite")
        .set(EMAIL_MESSAGES.STATE, "SENT")
        .execute();

    assertThat(store.cancelUnstarted(orgId, id)).as("its workflow has started").isFalse();
    store.finish(id, BulkSendWorkflow.CANCELLED);
    store.finish(id, BulkSendWorkflow.CANCELLED); // a retried finish

    assertThat(usage.usage(orgId).bulkSendRecipients().used()).isEqualTo(1);
    assertThat(usage.usage(orgId).emails().used()).isEqualTo(1);
  }

  /** The bulk sends the relay would start now. */
  private static List<String> unstarted(BulkSendStore store) {
    return new Outbox(db.dsl, Clock.systemUTC()).unstarted(BulkSendStore.OUTBOX, Duration.ZERO, 100).stream()
        .map(r -> r.get(BulkSendStore.OUTBOX.id()))
        .toList();
  }
}
