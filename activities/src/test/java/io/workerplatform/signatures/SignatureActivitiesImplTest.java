package io.workerplatform.signatures;

import static io.workerplatform.db.Tables.DOMAIN_EVENTS;
import static io.workerplatform.db.Tables.FILES;
import static io.workerplatform.db.Tables.SIGNATURE_REQUESTS;
import static io.workerplatform.db.Tables.SIGNATURE_SIGNERS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.temporal.failure.ApplicationFailure;
import io.workerplatform.common.InvalidInput;
import io.workerplatform.common.TestDatabase;
import io.workerplatform.contacts.ContactStore;
import io.workerplatform.contacts.ContactStore.NewContact;
import io.workerplatform.files.FileStore;
import io.workerplatform.files.LocalDirectoryFileStorage;
import io.workerplatform.webhooks.WebhookStore;
import java.net.URI;
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

/** The signature activities against PostgreSQL, a file directory and the fake providers. */
class SignatureActivitiesImplTest {
  static final CallbackTokens CALLBACK_TOKENS = new CallbackTokens("test-callback-key-of-32-bytes-at-least".getBytes(java.nio.charset.StandardCharsets.UTF_8));
  static TestDatabase db;
  static ContactStore contacts;
  static SignatureStore store;
  static List<String> contactIds;
  static String petitionId;

  @TempDir static Path files;
  FakeSignaturit signaturit;
  FakeDocuSign docusign;
  FileStore fileStore;
  SignatureActivitiesImpl activities;

  @BeforeAll
  static void database() {
    db = TestDatabase.create("signature_activities");
    db.organizations().create("acme", "Acme");
    contacts = new ContactStore(db.dsl, Clock.systemUTC());
    store = new SignatureStore(db.dsl, Clock.systemUTC());
    contactIds =
        contacts.createContacts(
            "acme", List.of(new NewContact("ana@example.com", "Ana Díaz", "es"), new NewContact("ben@example.com", "Ben", "en")));
    petitionId = db.petition("acme", "Lease of flat 3B");
  }

  @AfterAll
  static void close() throws Exception {
    db.close();
  }

  @BeforeEach
  void start() {
    signaturit = new FakeSignaturit("sig-token");
    docusign = new FakeDocuSign("ds-token");
    fileStore = new FileStore(db.dsl, new LocalDirectoryFileStorage(files), Clock.systemUTC());
    var providers =
        new SignatureProviders(
            List.of(
                new SignaturitClient(URI.create(signaturit.baseUrl()), "sig-token", Duration.ofSeconds(5), TestDatabase.JSON),
                new DocuSignClient(URI.create(docusign.restApiUrl()), FakeDocuSign.ACCOUNT, () -> "ds-token", Duration.ofSeconds(5), TestDatabase.JSON)));
    WebhookStore webhooks = db.webhookStore();
    activities =
        new SignatureActivitiesImpl(
            store, fileStore, providers, db.eventStore()::store, "https://platform.example.com", CALLBACK_TOKENS,
            TestDatabase.JSON);
  }

  @AfterEach
  void stop() {
    signaturit.close();
    docusign.close();
  }

  String request(String provider) {
    String fileId = fileStore.save("acme", "lease.pdf", "application/pdf", SignaturitClientTest.PDF).id();
    return store.create(new SignatureStore.NewRequest("acme", petitionId, fileId, provider, contactIds, 3, 30));
  }

  @Test
  void createsOnceAndRecordsTheProcessAndSignerHandles() {
    String id = request("signaturit");

    SignatureActivities.Created first = activities.create(id);
    SignatureActivities.Created retried = activities.create(id);

    assertThat(retried).isEqualTo(first);
    assertThat(first.signerIds()).containsExactlyElementsOf(contactIds);
    assertThat(signaturit.received("POST", "/v3/signatures.json")).hasSize(1);
    var signature = signaturit.last();
    assertThat(first.providerProcessId()).isEqualTo(signature.id());
    assertThat(signature.form().get("files[0]").content()).isEqualTo(SignaturitClientTest.PDF);
    assertThat(signature.form().get("recipients[0][name]").text()).isEqualTo("Ana Díaz");
    assertThat(signature.form().get("subject").text()).isEqualTo("Lease of flat 3B");
    String token = CALLBACK_TOKENS.tokenFor(id);
    assertThat(signature.eventsUrl()).isEqualTo(SignaturitClient.callbackUrl("https://platform.example.com", id, token));
    // derived, not stored: no row holds the token
    assertThat(db.dsl.fetchCount(SIGNATURE_REQUESTS, SIGNATURE_REQUESTS.ID.eq(id))).isEqualTo(1);
    assertThat(db.dsl.fetchSingle(SIGNATURE_REQUESTS, SIGNATURE_REQUESTS.ID.eq(id)).toString()).doesNotContain(token);
    assertThat(CALLBACK_TOKENS.matches(store.find(id).orElseThrow(), token)).isTrue();
    assertThat(CALLBACK_TOKENS.matches(store.find(id).orElseThrow(), token + "x")).isFalse();
    assertThat(new CallbackTokens(new byte[32]).tokenFor(id)).isNotEqualTo(token);
    var row = db.dsl.fetchSingle(SIGNATURE_REQUESTS, SIGNATURE_REQUESTS.ID.eq(id));
    assertThat(row.getState()).isEqualTo(SignatureWorkflow.AWAITING_SIGNATURES);
    assertThat(row.getCreateAttempts()).isEqualTo(1);
    assertThat(db.dsl.select(SIGNATURE_SIGNERS.PROVIDER_SIGNER_REF).from(SIGNATURE_SIGNERS)
            .where(SIGNATURE_SIGNERS.SIGNATURE_REQUEST_ID.eq(id)).orderBy(SIGNATURE_SIGNERS.POSITION).fetch(SIGNATURE_SIGNERS.PROVIDER_SIGNER_REF))
        .containsExactly((String) signature.documents().get(0).get("id"), (String) signature.documents().get(1).get("id"));
  }

  @Test
  void anOutageIsRetryableAndTheRetryIsCountedAsTheWindowOfDoubt() {
    String id = request("docusign");
    docusign.failNext(503, 1);

    assertThatThrownBy(() -> activities.create(id))
        .isInstanceOfSatisfying(ApplicationFailure.class, f -> {
          assertThat(f.isNonRetryable()).isFalse();
          assertThat(f.getType()).isEqualTo(SignatureActivitiesImpl.PROVIDER_UNAVAILABLE);
        });
    activities.create(id);

    assertThat(docusign.envelopes).hasSize(1);
    assertThat(store.find(id).orElseThrow().createAttempts()).isEqualTo(2);
    assertThat(store.find(id).orElseThrow().providerProcessId()).isEqualTo(docusign.last().id());
  }

  @Test
  void storesTheSignedDocumentOnce() throws Exception {
    String id = request("docusign");
    String envelope = activities.create(id).providerProcessId();
    docusign.envelopes.get(envelope).state().put("status", "completed");

    String fileId = activities.storeSignedDocument(id);
    String again = activities.storeSignedDocument(id);

    assertThat(again).isEqualTo(fileId);
    assertThat(fileStore.read(fileId)).isEqualTo(FakeSignaturit.signedPdf(envelope));
    assertThat(fileStore.find("acme", fileId).orElseThrow().contentType()).isEqualTo("application/pdf");
    assertThat(db.dsl.fetchCount(FILES, FILES.NAME.eq("signed-" + id + ".pdf"))).isEqualTo(1);
    assertThat(docusign.received("GET", ".*/documents/combined")).hasSize(1);
  }

  @Test
  void finishRecordsTheOutcomeAndPublishesOneEventWithIdsOnly() {
    String id = request("signaturit");
    activities.create(id);
    SignatureStatus completed =
        new SignatureStatus(
            id, SignatureWorkflow.COMPLETED,
            List.of(new SignatureStatus.Signer(contactIds.get(0), "SIGNED"), new SignatureStatus.Signer(contactIds.get(1), "SIGNED")),
            1, null, null, 0, null, null);

    activities.finish(completed);
    activities.finish(completed);

    var events = db.dsl.selectFrom(DOMAIN_EVENTS).where(DOMAIN_EVENTS.PAYLOAD.cast(String.class).contains(id)).fetch();
    assertThat(events).hasSize(1);
    assertThat(events.get(0).getExternalId()).isEqualTo("signature." + id + ".completed");
    assertThat(events.get(0).getType()).isEqualTo("signature.completed");
    assertThat(events.get(0).getPayload().data())
        .contains("\"petitionId\"", petitionId, contactIds.get(0))
        .doesNotContain("ana@example.com", "Ana");
    var row = store.find(id).orElseThrow();
    assertThat(row.state()).isEqualTo(SignatureWorkflow.COMPLETED);
    assertThat(row.finishedAt()).isNotNull();
    assertThat(store.signers(id)).extracting(SignatureStore.Signer::state).containsExactly("SIGNED", "SIGNED");
  }

  @Test
  void cancellingWhatTheProviderClosedAlreadyIsNotAnError() {
    String pending = request("signaturit");
    activities.create(pending);
    activities.cancelAtProvider(pending);
    assertThat(signaturit.last().documents()).allMatch(d -> d.get("status").equals("canceled"));

    String done = request("signaturit");
    activities.create(done);
    signaturit.last().documents().forEach(d -> d.put("status", "completed"));
    activities.cancelAtProvider(done);
    assertThat(activities.providerState(done)).isEqualTo(SignatureWorkflow.COMPLETED);

    String never = request("signaturit");
    activities.cancelAtProvider(never); // never created there: nothing to call
    assertThat(signaturit.received("PATCH", ".*")).hasSize(2);
  }

  @Test
  void unknownRequestsAndProvidersFailForGood() {
    assertThatThrownBy(() -> activities.create("sr_missing"))
        .isInstanceOfSatisfying(ApplicationFailure.class, f -> {
          assertThat(f.isNonRetryable()).isTrue();
          assertThat(f.getType()).isEqualTo(InvalidInput.TYPE);
        });
    String id = request("adobe-sign");
    assertThatThrownBy(() -> activities.create(id))
        .isInstanceOfSatisfying(ApplicationFailure.class, f -> {
          assertThat(f.isNonRetryable()).isTrue();
          assertThat(f.getType()).isEqualTo(SignatureActivities.PROVIDER_REFUSED);
        });
  }
}
