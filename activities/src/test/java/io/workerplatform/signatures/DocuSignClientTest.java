package io.workerplatform.signatures;

import io.workerplatform.common.TestDatabase;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import tools.jackson.databind.JsonNode;
import io.workerplatform.signatures.SignatureProvider.CreatedProcess;
import io.workerplatform.signatures.SignatureProvider.ProcessRef;
import java.net.URI;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The DocuSign client against a fake DocuSign speaking the documented eSignature v2.1 shapes. */
class DocuSignClientTest {
  FakeDocuSign fake;
  AtomicInteger tokensAsked = new AtomicInteger();
  DocuSignClient client;

  @BeforeEach
  void start() {
    fake = new FakeDocuSign("ds-access-token");
    AccessTokenSource tokens = () -> {
      tokensAsked.incrementAndGet();
      return "ds-access-token";
    };
    client = new DocuSignClient(URI.create(fake.restApiUrl()), FakeDocuSign.ACCOUNT, tokens, Duration.ofSeconds(5), TestDatabase.JSON);
  }

  @AfterEach
  void stop() {
    fake.close();
  }

  @Test
  void createsASentEnvelopeWithTheDocumentSignersAndConnectNotification() {
    CreatedProcess created = client.create(SignaturitClientTest.process());

    FakeDocuSign.Envelope envelope = fake.last();
    assertThat(created.processId()).isEqualTo(envelope.id());
    assertThat(created.signerRefs()).containsExactly("1", "2");
    var request = fake.received("POST", ".*/envelopes").get(0);
    assertThat(request.path()).isEqualTo("/restapi/v2.1/accounts/" + FakeDocuSign.ACCOUNT + "/envelopes");
    assertThat(request.header("Authorization")).isEqualTo("Bearer ds-access-token");
    assertThat(request.header("Content-Type")).isEqualTo("application/json");
    JsonNode body = envelope.definition();
    assertThat(body.path("status").asString()).isEqualTo("sent");
    assertThat(body.path("emailSubject").asString()).isEqualTo("Lease of flat 3B");
    JsonNode document = body.path("documents").path(0);
    assertThat(Base64.getDecoder().decode(document.path("documentBase64").asString())).isEqualTo(SignaturitClientTest.PDF);
    assertThat(document.path("name").asString()).isEqualTo("lease.pdf");
    assertThat(document.path("fileExtension").asString()).isEqualTo("pdf");
    JsonNode signers = body.path("recipients").path("signers");
    assertThat(signers.path(0).path("email").asString()).isEqualTo("ana@example.com");
    assertThat(signers.path(0).path("name").asString()).isEqualTo("Ana Díaz");
    assertThat(signers.path(1).path("recipientId").asString()).isEqualTo("2");
    assertThat(signers.path(1).path("routingOrder").asString()).isEqualTo("1");
    JsonNode connect = body.path("eventNotification");
    assertThat(connect.path("url").asString()).isEqualTo("https://platform.example.com/callbacks/docusign");
    assertThat(connect.path("includeHMAC").asString()).isEqualTo("true");
    assertThat(connect.path("eventData").path("format").asString()).isEqualTo("json");
    assertThat(connect.path("events")).extracting(JsonNode::asString).containsAll(List.of("envelope-completed", "recipient-completed"));
    assertThat(body.path("notification").path("expirations").path("expireAfter").asString()).isEqualTo("30");
    assertThat(body.path("customFields").path("textCustomFields").path(0).path("value").asString()).isEqualTo("sr_1");
  }

  @Test
  void resendsVoidsReadsTheStateAndDownloadsTheCombinedDocument() {
    CreatedProcess created = client.create(SignaturitClientTest.process());
    ProcessRef ref = new ProcessRef(created.processId(), created.signerRefs());
    String path = "/restapi/v2.1/accounts/" + FakeDocuSign.ACCOUNT + "/envelopes/" + ref.processId();

    client.remind(ref);
    assertThat(client.state(ref)).isEqualTo(SignatureWorkflow.AWAITING_SIGNATURES);
    client.cancel(ref);

    var resend = fake.received("PUT", path).get(0);
    assertThat(resend.query()).isEqualTo("resend_envelope=true");
    var voiding = fake.received("PUT", path).get(1);
    assertThat(voiding.bodyText()).contains("\"status\":\"voided\"").contains("voidedReason");
    assertThat(client.state(ref)).isEqualTo(SignatureWorkflow.CANCELLED);
    assertThatThrownBy(() -> client.cancel(ref))
        .isInstanceOfSatisfying(ProviderException.class, e -> assertThat(e.permanent()).isTrue());

    CreatedProcess second = client.create(SignaturitClientTest.process());
    ProcessRef completed = new ProcessRef(second.processId(), second.signerRefs());
    fake.envelopes.get(second.processId()).state().put("status", "completed");
    assertThat(client.state(completed)).isEqualTo(SignatureWorkflow.COMPLETED);
    assertThat(client.downloadSigned(completed)).isEqualTo(FakeSignaturit.signedPdf(second.processId()));
    // every call asks the token source: a rotating token is picked up at once
    assertThat(tokensAsked.get()).isEqualTo(fake.received.size());
  }

  @Test
  void anExpiredTokenIsPermanentAndAnOutageTransient() {
    var expired = new DocuSignClient(URI.create(fake.restApiUrl()), FakeDocuSign.ACCOUNT, () -> "expired", Duration.ofSeconds(5), TestDatabase.JSON);
    assertThatThrownBy(() -> expired.create(SignaturitClientTest.process()))
        .isInstanceOfSatisfying(ProviderException.class, e -> assertThat(e.permanent()).isTrue())
        .hasMessage("docusign create: HTTP 401");
    fake.failNext(500, 1);
    assertThatThrownBy(() -> client.create(SignaturitClientTest.process()))
        .isInstanceOfSatisfying(ProviderException.class, e -> assertThat(e.permanent()).isFalse())
        .hasMessage("docusign create: HTTP 500");
  }
}
