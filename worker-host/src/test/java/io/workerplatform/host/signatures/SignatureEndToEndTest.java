package io.workerplatform.host.signatures;

import static io.workerplatform.db.Tables.SIGNATURE_EVENTS;
import static io.workerplatform.db.Tables.SIGNATURE_REQUESTS;
import static org.assertj.core.api.Assertions.assertThat;

import io.workerplatform.host.support.Api;
import io.workerplatform.host.support.Eventually;
import io.workerplatform.host.support.FreePort;
import io.workerplatform.host.support.HostTest;
import io.workerplatform.signatures.DocuSignConnect;
import io.workerplatform.signatures.FakeDocuSign;
import io.workerplatform.signatures.FakeSignaturit;
import io.workerplatform.webhooks.WebhookReceiver;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import io.temporal.client.WorkflowClient;
import io.workerplatform.signatures.SignatureWorkflow;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The worker host in embedded mode with fake Signaturit and DocuSign servers on loopback: upload,
 * request, provider callbacks through the real endpoints, signed document, webhook.
 */
@HostTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
class SignatureEndToEndTest {
  @Autowired DSLContext dsl;
  static final String HMAC_KEY = "connect-hmac-key";
  static final byte[] PDF = "%PDF-1.4\n% the contract\n%%EOF\n".getBytes(StandardCharsets.US_ASCII);
  // Providers are told where to call back, so the host's port is chosen before it starts.
  private static final int HTTP_PORT = FreePort.find();
  private static final FakeSignaturit signaturit = new FakeSignaturit("sig-token");
  private static final FakeDocuSign docusign = new FakeDocuSign("ds-token");

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    registry.add("server.port", () -> HTTP_PORT);
    registry.add("platform.files.directory", () -> "target/e2e-files");
    registry.add("platform.signatures.callback-base-url", () -> "http://127.0.0.1:" + HTTP_PORT);
    registry.add("platform.signatures.signaturit.base-url", signaturit::baseUrl);
    registry.add("platform.signatures.signaturit.token", () -> "sig-token");
    registry.add("platform.signatures.docusign.base-url", docusign::restApiUrl);
    registry.add("platform.signatures.docusign.account-id", () -> FakeDocuSign.ACCOUNT);
    registry.add("platform.signatures.docusign.access-token", () -> "ds-token");
    registry.add("platform.signatures.docusign.hmac-keys", () -> "old-key," + HMAC_KEY);
  }

  @Autowired WorkflowClient temporal;
  private final Api admin = Api.admin(HTTP_PORT);
  private Api api;
  private final HttpClient http = HttpClient.newHttpClient();
  private final WebhookReceiver receiver = new WebhookReceiver();
  private String orgId;
  private List<String> contactIds;
  private String petitionId;

  @BeforeEach
  void organization() {
    orgId = "org-" + System.nanoTime();
    api = admin.newOrganization(orgId);
    JsonNode contacts = api.post("/api/orgs/" + orgId + "/contacts",
        "{\"contacts\":[{\"email\":\"ana@example.com\",\"name\":\"Ana\"},{\"email\":\"ben@example.com\",\"name\":\"Ben\"}]}").body();
    contactIds = List.of(contacts.get("ids").get(0).asString(), contacts.get("ids").get(1).asString());
    petitionId = api.post("/api/orgs/" + orgId + "/petitions", "{\"title\":\"Lease\"}").body().get("id").asString();
  }

  @AfterEach
  void stopReceiver() {
    receiver.close();
  }

  @AfterAll
  static void stop() throws Exception {
    signaturit.close();
    docusign.close();
  }

  String upload() throws Exception {
    String boundary = "e2e-boundary";
    byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"C:\\\\docs\\\\lease.pdf\"\r\n"
        + "Content-Type: application/pdf\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
    byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII);
    byte[] body = new byte[head.length + PDF.length + tail.length];
    System.arraycopy(head, 0, body, 0, head.length);
    System.arraycopy(PDF, 0, body, head.length, PDF.length);
    System.arraycopy(tail, 0, body, head.length + PDF.length, tail.length);
    HttpResponse<String> response = http.send(
        api.request("/api/orgs/" + orgId + "/files")
            .header("Content-Type", "multipart/form-data; boundary=" + boundary)
            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(201);
    assertThat(response.body()).contains("\"name\":\"lease.pdf\"").contains("\"sizeBytes\":" + PDF.length);
    return response.body().replaceAll(".*\"id\":\"([^\"]+)\".*", "$1");
  }

  String request(String provider, String fileId) {
    Api.Response created = api.post("/api/orgs/" + orgId + "/signature-requests",
        "{\"petitionId\":\"" + petitionId + "\",\"fileId\":\"" + fileId + "\",\"provider\":\"" + provider + "\","
            + "\"signers\":[{\"contactId\":\"" + contactIds.get(0) + "\"},{\"contactId\":\"" + contactIds.get(1) + "\"}],"
            + "\"reminderEveryDays\":3,\"expiresInDays\":30}");
    assertThat(created.status()).as(created.body().toString()).isEqualTo(202);
    return created.body().get("id").asString();
  }

  JsonNode awaitState(String id, String state) {
    return Eventually.await(
        () -> api.get("/api/orgs/" + orgId + "/signature-requests/" + id).body(),
        body -> body.get("state").asString().equals(state),
        Duration.ofSeconds(20));
  }

  HttpResponse<byte[]> signedDocument(String id) throws Exception {
    return http.send(
        api.request("/api/orgs/" + orgId + "/signature-requests/" + id + "/signed-document").build(),
        HttpResponse.BodyHandlers.ofByteArray());
  }

  void subscribe(String... types) {
    assertThat(api.post("/api/orgs/" + orgId + "/webhook-subscriptions",
        "{\"url\":\"" + receiver.url("/hooks") + "\",\"eventTypes\":[\"" + String.join("\",\"", types) + "\"]}").status())
        .isEqualTo(201);
  }

  @Test
  void signaturitCallbacksCompleteTheRequestStoreTheDocumentAndFireTheWebhook() throws Exception {
    subscribe("signature.completed", "signature.cancelled");
    String id = request("signaturit", upload());
    awaitState(id, "AWAITING_SIGNATURES");
    FakeSignaturit.Signature signature = signaturit.last();
    assertThat(signature.form().get("files[0]").content()).isEqualTo(PDF);
    assertThat(signature.form().get("recipients[1][email]").text()).isEqualTo("ben@example.com");
    assertThat(signedDocument(id).statusCode()).isEqualTo(409);

    assertThat(signaturit.event(signature.id(), 0, "document_opened", null).body()).isEqualTo("{\"signalled\":false}");
    assertThat(signaturit.event(signature.id(), 0, "document_signed", "signed").body()).isEqualTo("{\"signalled\":true}");
    JsonNode halfway = Eventually.await(
        () -> api.get("/api/orgs/" + orgId + "/signature-requests/" + id).body(),
        body -> body.get("signers").get(0).get("state").asString().equals("SIGNED"),
        Duration.ofSeconds(10));
    assertThat(halfway.get("signers").get(1).get("state").asString()).isEqualTo("PENDING");
    signaturit.event(signature.id(), 0, "document_completed", "completed");
    signaturit.event(signature.id(), 1, "document_completed", "completed");

    // The workflow's live state reads COMPLETED a moment before its last activity records the row
    // (finishedAt, the signed document): wait for the row.
    JsonNode done = Eventually.await(
        () -> api.get("/api/orgs/" + orgId + "/signature-requests/" + id).body(),
        body -> body.get("state").asString().equals("COMPLETED") && !body.get("finishedAt").isNull(),
        Duration.ofSeconds(20));
    assertThat(done.get("finishedAt").isNull()).isFalse();
    HttpResponse<byte[]> pdf = signedDocument(id);
    assertThat(pdf.statusCode()).isEqualTo(200);
    assertThat(pdf.headers().firstValue("content-type")).hasValue("application/pdf");
    assertThat(pdf.body()).isEqualTo(FakeSignaturit.signedPdf(signature.id()));
    WebhookReceiver.Received hook = Eventually.await(
        () -> receiver.received, r -> !r.isEmpty(), Duration.ofSeconds(20)).get(0);
    assertThat(hook.body()).contains("signature.completed").contains(id).doesNotContain("ana@example.com");
    Thread.sleep(300);
    assertThat(receiver.received).hasSize(1);
    assertThat(dsl.fetchCount(SIGNATURE_EVENTS, SIGNATURE_EVENTS.SIGNATURE_REQUEST_ID.eq(id))).isEqualTo(4);
    // Temporal's history holds ids and states: names, addresses and the document stay out.
    String history = io.workerplatform.host.support.Histories.decoded(temporal.fetchHistory(SignatureWorkflow.workflowId(id)).toJson(false));
    assertThat(history).contains(contactIds.get(0), id, "COMPLETED");
    assertThat(history).doesNotContain("ana@example.com", "ben@example.com", "Ana", "Lease", "the contract");
  }

  @Test
  void docuSignConnectNotificationsCompleteTheRequest() throws Exception {
    String id = request("docusign", upload());
    awaitState(id, "AWAITING_SIGNATURES");
    FakeDocuSign.Envelope envelope = docusign.last();
    assertThat(envelope.definition().path("eventNotification").path("url").asText())
        .isEqualTo("http://127.0.0.1:" + HTTP_PORT + "/callbacks/docusign");

    assertThat(docusign.sendConnect(envelope.id(), "recipient-completed", "2", HMAC_KEY, null).statusCode()).isEqualTo(200);
    assertThat(docusign.sendConnect(envelope.id(), "envelope-completed", null, HMAC_KEY, "completed").statusCode()).isEqualTo(200);

    JsonNode done = awaitState(id, "COMPLETED");
    assertThat(done.get("signers").get(1).get("state").asString()).isEqualTo("SIGNED");
    assertThat(done.get("signers").get(0).get("state").asString()).isEqualTo("PENDING");
    assertThat(signedDocument(id).body()).isEqualTo(FakeSignaturit.signedPdf(envelope.id()));
  }

  @Test
  void badCallbacksChangeNothing() throws Exception {
    String id = request("signaturit", upload());
    awaitState(id, "AWAITING_SIGNATURES");
    // the token the provider was given, which no row holds
    String token = signaturit.last().eventsUrl().replaceAll(".*[?&]token=([^&]+).*", "$1");
    assertThat(dsl.fetchSingle(SIGNATURE_REQUESTS, SIGNATURE_REQUESTS.ID.eq(id)).toString()).doesNotContain(token);
    String url = "http://127.0.0.1:" + HTTP_PORT + "/callbacks/signaturit/";
    String signed = "{\"type\":\"document_signed\",\"document\":{\"id\":\"" + signaturit.last().documents().get(0).get("id") + "\"}}";

    assertThat(post(url + id + "?token=wrong", signed, null).statusCode()).isEqualTo(401);
    assertThat(post(url + id, signed, null).statusCode()).isEqualTo(401);
    // an unknown request answers as a wrong token does
    assertThat(post(url + "sr_unknown?token=" + token, signed, null).statusCode()).isEqualTo(401);
    HttpResponse<String> garbage = post(url + id + "?token=" + token, "{\"type\":\"document_signed\"}", null);
    assertThat(garbage.statusCode()).isEqualTo(400);
    assertThat(garbage.body()).contains("\"field\":\"document.id\"");
    assertThat(post(url + id + "?token=" + token, "<xml/>", null).statusCode()).isEqualTo(400);

    String docusignUrl = "http://127.0.0.1:" + HTTP_PORT + "/callbacks/docusign";
    String connect = "{\"event\":\"envelope-completed\",\"data\":{\"envelopeId\":\"env-unknown\"}}";
    assertThat(post(docusignUrl, connect, DocuSignConnect.sign("wrong-key", connect.getBytes(StandardCharsets.UTF_8))).statusCode()).isEqualTo(401);
    assertThat(post(docusignUrl, connect, null).statusCode()).isEqualTo(401);
    assertThat(post(docusignUrl, connect, DocuSignConnect.sign(HMAC_KEY, connect.getBytes(StandardCharsets.UTF_8))).statusCode()).isEqualTo(404);
    String malformed = "{\"event\":\"envelope-completed\"}";
    assertThat(post(docusignUrl, malformed, DocuSignConnect.sign(HMAC_KEY, malformed.getBytes(StandardCharsets.UTF_8))).statusCode()).isEqualTo(400);

    assertThat(dsl.fetchCount(SIGNATURE_EVENTS, SIGNATURE_EVENTS.SIGNATURE_REQUEST_ID.eq(id))).isZero();
    JsonNode status = api.get("/api/orgs/" + orgId + "/signature-requests/" + id).body();
    assertThat(status.get("state").asString()).isEqualTo("AWAITING_SIGNATURES");
    assertThat(status.get("signers").get(0).get("state").asString()).isEqualTo("PENDING");
    assertThat(api.post("/api/orgs/" + orgId + "/signature-requests/" + id + "/cancel", "").status()).isEqualTo(202);
    awaitState(id, "CANCELLED");
  }

  @Test
  void cancelCancelsAtTheProviderAndLaterEventsAreOnlyRecorded() throws Exception {
    String id = request("signaturit", upload());
    awaitState(id, "AWAITING_SIGNATURES");
    FakeSignaturit.Signature signature = signaturit.last();
    assertThat(api.post("/api/orgs/" + orgId + "/signature-requests/" + id + "/remind", "").status()).isEqualTo(202);
    Eventually.await(() -> signaturit.received("POST", "/v3/signatures/" + signature.id() + "/reminder.json"),
        r -> r.size() == 1, Duration.ofSeconds(10));

    assertThat(api.post("/api/orgs/" + orgId + "/signature-requests/" + id + "/cancel", "").status()).isEqualTo(202);
    JsonNode cancelled = awaitState(id, "CANCELLED");
    assertThat(cancelled.get("remindersSent").asInt()).isEqualTo(1);
    assertThat(signaturit.received("PATCH", "/v3/signatures/" + signature.id() + "/cancel.json")).hasSize(1);

    assertThat(signaturit.event(signature.id(), 0, "document_signed", null).body()).isEqualTo("{\"signalled\":false}");
    assertThat(dsl.fetchCount(SIGNATURE_EVENTS, SIGNATURE_EVENTS.SIGNATURE_REQUEST_ID.eq(id))).isEqualTo(1);
    assertThat(api.post("/api/orgs/" + orgId + "/signature-requests/" + id + "/cancel", "").status()).isEqualTo(409);
    assertThat(api.get("/api/orgs/" + orgId + "/signature-requests/" + id).body().get("signers").get(0).get("state").asString()).isEqualTo("PENDING");
  }

  @Test
  void aLoopOfRemindCallsRemindsTheSignersOnceAndAnswers429WithRetryAfter() throws Exception {
    String id = request("signaturit", upload());
    awaitState(id, "AWAITING_SIGNATURES");
    FakeSignaturit.Signature signature = signaturit.last();
    String remind = "/api/orgs/" + orgId + "/signature-requests/" + id + "/remind";

    assertThat(api.post(remind, "").status()).isEqualTo(202);
    for (int i = 0; i < 20; i++) {
      HttpResponse<String> again =
          http.send(api.request(remind).POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(again.statusCode()).isEqualTo(429);
      assertThat(Long.parseLong(again.headers().firstValue("Retry-After").orElseThrow())).isBetween(3_500L, 3_600L);
      assertThat(again.body()).contains("\"retryAfterSeconds\"");
    }
    Eventually.await(() -> signaturit.received("POST", "/v3/signatures/" + signature.id() + "/reminder.json"),
        r -> r.size() == 1, Duration.ofSeconds(10));
    Thread.sleep(500);
    assertThat(signaturit.received("POST", "/v3/signatures/" + signature.id() + "/reminder.json")).hasSize(1);
    assertThat(dsl.fetchValue(SIGNATURE_REQUESTS.LAST_REMINDER_AT, SIGNATURE_REQUESTS.ID.eq(id))).isNotNull();
    // Another organization's key cannot remind (nor learn when the last reminder was).
    String otherOrg = "other-" + System.nanoTime();
    Api other = Api.admin(HTTP_PORT).newOrganization(otherOrg);
    assertThat(other.post(remind, "").status()).isEqualTo(404);
    assertThat(other.post("/api/orgs/" + otherOrg + "/signature-requests/" + id + "/remind", "").status()).isEqualTo(404);
  }

  @Test
  void invalidRequestsNameTheFieldAndStoreNothing() throws Exception {
    String fileId = upload();
    int before = dsl.fetchCount(SIGNATURE_REQUESTS);
    String base = "{\"petitionId\":\"" + petitionId + "\",\"fileId\":\"" + fileId + "\",";
    String signers = "\"signers\":[{\"contactId\":\"" + contactIds.get(0) + "\"}]";

    assertField(base + "\"provider\":\"adobe\"," + signers + "}", "provider");
    assertField(base + "\"provider\":\"docusign\",\"signers\":[]}", "signers");
    assertField(base + "\"provider\":\"docusign\",\"signers\":[{\"contactId\":\"con_nobody\"}]}", "signers[0].contactId");
    assertField(base + "\"provider\":\"docusign\",\"signers\":[{\"contactId\":\"" + contactIds.get(0) + "\"},{\"contactId\":\""
        + contactIds.get(0) + "\"}]}", "signers[1].contactId");
    assertField(base + "\"provider\":\"docusign\"," + signers + ",\"expiresInDays\":0}", "expiresInDays");
    assertField("{\"petitionId\":\"" + petitionId + "\",\"fileId\":\"file_other\",\"provider\":\"docusign\"," + signers + "}", "fileId");

    assertThat(dsl.fetchCount(SIGNATURE_REQUESTS)).isEqualTo(before);
    assertThat(api.get("/api/orgs/" + orgId + "/signature-requests/sr_missing").status()).isEqualTo(404);
  }


  @Test
  void aRequestBeyondTheOrganizationsLimitIsRefusedAndStoresNothingWhileOneWithinIsCountedOnce() throws Exception {
    String fileId = upload();
    admin.put("/api/orgs/" + orgId + "/limits", "{\"signatureRequests\":1}");
    request("signaturit", fileId);
    String body = "{\"petitionId\":\"" + petitionId + "\",\"fileId\":\"" + fileId + "\",\"provider\":\"signaturit\","
        + "\"signers\":[{\"contactId\":\"" + contactIds.get(0) + "\"}]}";

    api.post("/api/orgs/" + orgId + "/signature-requests", body).assertProblem(409, "signatureRequests");

    assertThat(dsl.fetchCount(SIGNATURE_REQUESTS, SIGNATURE_REQUESTS.ORG_ID.eq(orgId))).isEqualTo(1);
    JsonNode used = api.get("/api/orgs/" + orgId + "/usage").body().get("signatureRequests");
    assertThat(used.get("used").asLong()).isEqualTo(1);
    assertThat(used.get("limit").asLong()).isEqualTo(1);
  }

  private void assertField(String body, String field) {
    Api.Response response = api.post("/api/orgs/" + orgId + "/signature-requests", body);
    assertThat(response.status()).as(body).isEqualTo(400);
    assertThat(response.contentType()).startsWith("application/problem+json");
    assertThat(response.body().get("field").asString()).isEqualTo(field);
  }

  private HttpResponse<String> post(String url, String body, String hmac) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body));
    if (hmac != null) {
      request.header("X-DocuSign-Signature-1", hmac);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
