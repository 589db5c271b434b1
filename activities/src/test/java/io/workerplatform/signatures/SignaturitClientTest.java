package io.workerplatform.signatures;

import io.workerplatform.common.TestDatabase;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.workerplatform.signatures.SignatureProvider.CreatedProcess;
import io.workerplatform.signatures.SignatureProvider.Document;
import io.workerplatform.signatures.SignatureProvider.NewProcess;
import io.workerplatform.signatures.SignatureProvider.ProcessRef;
import io.workerplatform.signatures.SignatureProvider.Recipient;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Signaturit client against a fake Signaturit speaking the documented API v3 shapes. */
class SignaturitClientTest {
  static final byte[] PDF = "%PDF-1.4 contract".getBytes(StandardCharsets.US_ASCII);

  FakeSignaturit fake;
  SignaturitClient client;

  @BeforeEach
  void start() {
    fake = new FakeSignaturit("sig-token");
    client = new SignaturitClient(URI.create(fake.baseUrl() + "/"), "sig-token", Duration.ofSeconds(5), TestDatabase.JSON);
  }

  @AfterEach
  void stop() {
    fake.close();
  }

  static NewProcess process() {
    return new NewProcess(
        "sr_1",
        "Lease of flat 3B",
        new Document("lease.pdf", "application/pdf", PDF),
        List.of(new Recipient("Ana Díaz", "ana@example.com"), new Recipient("Ben", "ben@example.com")),
        "https://platform.example.com",
        "cb-token/+=",
        30);
  }

  @Test
  void createsASignatureFromAMultipartFormWithTheCallbackUrl() {
    CreatedProcess created = client.create(process());

    FakeSignaturit.Signature signature = fake.last();
    assertThat(created.processId()).isEqualTo(signature.id());
    assertThat(created.signerRefs())
        .containsExactly((String) signature.documents().get(0).get("id"), (String) signature.documents().get(1).get("id"));
    var request = fake.received("POST", "/v3/signatures.json").get(0);
    assertThat(request.header("Authorization")).isEqualTo("Bearer sig-token");
    var form = signature.form();
    assertThat(form.get("files[0]").fileName()).isEqualTo("lease.pdf");
    assertThat(form.get("files[0]").contentType()).isEqualTo("application/pdf");
    assertThat(form.get("files[0]").content()).isEqualTo(PDF);
    assertThat(form.get("recipients[0][name]").text()).isEqualTo("Ana Díaz");
    assertThat(form.get("recipients[0][email]").text()).isEqualTo("ana@example.com");
    assertThat(form.get("recipients[1][email]").text()).isEqualTo("ben@example.com");
    assertThat(form.get("subject").text()).isEqualTo("Lease of flat 3B");
    assertThat(form.get("expire_time").text()).isEqualTo("30");
    assertThat(form.get("events_url").text())
        .isEqualTo("https://platform.example.com/callbacks/signaturit/sr_1?token=cb-token%2F%2B%3D");
  }

  @Test
  void remindsCancelsReadsTheStateAndDownloads() {
    CreatedProcess created = client.create(process());
    ProcessRef ref = new ProcessRef(created.processId(), created.signerRefs());

    client.remind(ref);
    assertThat(client.state(ref)).isEqualTo(SignatureWorkflow.AWAITING_SIGNATURES);
    client.cancel(ref);

    assertThat(fake.received("POST", "/v3/signatures/" + ref.processId() + "/reminder.json")).hasSize(1);
    assertThat(fake.received("PATCH", "/v3/signatures/" + ref.processId() + "/cancel.json")).hasSize(1);
    assertThat(client.state(ref)).isEqualTo(SignatureWorkflow.CANCELLED);

    CreatedProcess second = client.create(process());
    ProcessRef signed = new ProcessRef(second.processId(), second.signerRefs());
    fake.signatures.get(second.processId()).documents().forEach(d -> d.put("status", "completed"));
    assertThat(client.state(signed)).isEqualTo(SignatureWorkflow.COMPLETED);
    assertThat(client.downloadSigned(signed)).isEqualTo(FakeSignaturit.signedPdf(second.processId()));
    assertThat(fake.received("GET", "/v3/signatures/" + second.processId() + "/documents/" + second.signerRefs().get(1) + "/download/signed"))
        .hasSize(1);
  }

  @Test
  void refusalsArePermanentAndOutagesTransient() {
    CreatedProcess created = client.create(process());
    ProcessRef ref = new ProcessRef(created.processId(), created.signerRefs());
    fake.signatures.get(created.processId()).documents().forEach(d -> d.put("status", "completed"));

    assertThatThrownBy(() -> client.cancel(ref))
        .isInstanceOfSatisfying(ProviderException.class, e -> assertThat(e.permanent()).isTrue())
        .hasMessage("signaturit cancel: HTTP 400");
    fake.failNext(503, 1);
    assertThatThrownBy(() -> client.remind(ref))
        .isInstanceOfSatisfying(ProviderException.class, e -> assertThat(e.permanent()).isFalse());
    fake.failNext(429, 1);
    assertThatThrownBy(() -> client.create(process()))
        .isInstanceOfSatisfying(ProviderException.class, e -> assertThat(e.permanent()).isFalse());
    var wrongToken = new SignaturitClient(URI.create(fake.baseUrl()), "stolen", Duration.ofSeconds(5), TestDatabase.JSON);
    assertThatThrownBy(() -> wrongToken.create(process()))
        .isInstanceOfSatisfying(ProviderException.class, e -> assertThat(e.permanent()).isTrue())
        .hasMessage("signaturit create: HTTP 401");
  }

  @Test
  void anUnreachableProviderIsTransient() {
    fake.close();
    assertThatThrownBy(() -> client.create(process()))
        .isInstanceOfSatisfying(ProviderException.class, e -> assertThat(e.permanent()).isFalse())
        .hasMessageStartingWith("signaturit create: ");
  }
}
