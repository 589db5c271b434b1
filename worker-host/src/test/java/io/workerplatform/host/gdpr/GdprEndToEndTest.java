package io.workerplatform.host.gdpr;

import static io.workerplatform.db.Tables.CONTACTS;
import static io.workerplatform.db.Tables.DOMAIN_EVENTS;
import static io.workerplatform.db.Tables.EXPORTS;
import static io.workerplatform.db.Tables.FILES;
import static io.workerplatform.db.Tables.PETITIONS;
import static io.workerplatform.db.Tables.PETITION_COMMENTS;
import static io.workerplatform.db.Tables.PETITION_REPLIES;
import static io.workerplatform.db.Tables.PROFILES;
import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.client.WorkflowClient;
import io.workerplatform.common.TestDatabase;
import io.workerplatform.email.SesLocalServer;
import io.workerplatform.host.support.Api;
import io.workerplatform.host.support.LocalSes;
import io.workerplatform.host.support.Eventually;
import io.workerplatform.host.support.FreePort;
import io.workerplatform.host.support.Histories;
import io.workerplatform.host.support.HostTest;
import io.workerplatform.sap.FakeSap;
import io.workerplatform.screening.FakeComplyAdvantage;
import io.workerplatform.signatures.FakeSignaturit;
import io.workerplatform.webhooks.WebhookReceiver;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The worker host in embedded mode with the local SES server, a fake Signaturit and a webhook
 * receiver on loopback: erasure and exports through the REST API, and personal data that reaches
 * no workflow history and, once erased or anonymized, no row.
 */
@HostTest(
    webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT,
    // the platform's own debug lines too: none may carry personal data either
    properties = "logging.level.io.workerplatform=debug")
@ExtendWith(OutputCaptureExtension.class)
class GdprEndToEndTest {
  @Autowired DSLContext dsl;
  @Value("${platform.db.schema}") String schema;
  private static final int HTTP_PORT = FreePort.find();
  private static final SesLocalServer ses = SesLocalServer.start();
  private static final FakeSignaturit signaturit = new FakeSignaturit("sig-token");
  private static final FakeComplyAdvantage screeningProvider = new FakeComplyAdvantage("ca-key");
  private static final FakeSap sap = new FakeSap("sap-user", "sap-pass");

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    registry.add("server.port", () -> HTTP_PORT);
    registry.add("platform.files.directory", () -> "target/e2e-gdpr-files");
    LocalSes.register(registry, ses);
    registry.add("platform.email.allow-list", () -> "*@example.com");
    registry.add("platform.signatures.callback-base-url", () -> "http://127.0.0.1:" + HTTP_PORT);
    registry.add("platform.signatures.signaturit.base-url", signaturit::baseUrl);
    registry.add("platform.signatures.signaturit.token", () -> "sig-token");
    registry.add("platform.screening.base-url", screeningProvider::baseUrl);
  }

  @Autowired WorkflowClient temporal;
  private final Api admin = Api.admin(HTTP_PORT);
  private Api api;
  private final HttpClient http = HttpClient.newHttpClient();
  private String orgId;

  @BeforeEach
  void organization() {
    orgId = "org-" + System.nanoTime();
    api = admin.newOrganization(orgId);
  }

  @AfterAll
  static void stop() throws Exception {
    signaturit.close();
    screeningProvider.close();
    sap.close();
    ses.close();
  }

  List<String> contacts(String... emailsAndNames) {
    StringBuilder body = new StringBuilder("{\"contacts\":[");
    for (int i = 0; i < emailsAndNames.length; i += 2) {
      body.append(i == 0 ? "" : ",").append("{\"email\":\"").append(emailsAndNames[i])
          .append("\",\"name\":\"").append(emailsAndNames[i + 1]).append("\"}");
    }
    JsonNode ids = api.post("/api/orgs/" + orgId + "/contacts", body.append("]}").toString()).body().get("ids");
    List<String> result = new ArrayList<>();
    ids.forEach(id -> result.add(id.asString()));
    return result;
  }

  String upload(String name, byte[] content, String contactId) throws Exception {
    String boundary = "gdpr-boundary";
    StringBuilder head = new StringBuilder();
    if (contactId != null) {
      head.append("--").append(boundary).append("\r\nContent-Disposition: form-data; name=\"contactId\"\r\n\r\n")
          .append(contactId).append("\r\n");
    }
    head.append("--").append(boundary).append("\r\nContent-Disposition: form-data; name=\"file\"; filename=\"")
        .append(name).append("\"\r\nContent-Type: application/pdf\r\n\r\n");
    byte[] start = head.toString().getBytes(StandardCharsets.UTF_8);
    byte[] end = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII);
    byte[] body = new byte[start.length + content.length + end.length];
    System.arraycopy(start, 0, body, 0, start.length);
    System.arraycopy(content, 0, body, start.length, content.length);
    System.arraycopy(end, 0, body, start.length + content.length, end.length);
    HttpResponse<String> response = http.send(
        api.request("/api/orgs/" + orgId + "/files")
            .header("Content-Type", "multipart/form-data; boundary=" + boundary)
            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    return response.body().replaceAll(".*\"id\":\"([^\"]+)\".*", "$1");
  }

  JsonNode await(String path, String field, String value) {
    return Eventually.await(() -> api.get(path).body(), b -> value.equals(b.path(field).asString()), Duration.ofSeconds(30));
  }

  HttpResponse<byte[]> download(String exportId) throws Exception {
    return http.send(
        api.request("/api/orgs/" + orgId + "/exports/" + exportId + "/download").build(),
        HttpResponse.BodyHandlers.ofByteArray());
  }

  static Map<String, byte[]> unzip(byte[] zip) throws Exception {
    Map<String, byte[]> entries = new LinkedHashMap<>();
    try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
      for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
        entries.put(e.getName(), in.readAllBytes());
      }
    }
    return entries;
  }

  /** Starts a manual cron run and waits for its workflow; returns the workflow id. */
  String runCronJob(String job) throws Exception {
    Api.Response started = admin.post("/api/cron/" + job + "/run", "");
    assertThat(started.status()).isEqualTo(202);
    String workflowId = started.body().get("workflowId").asString();
    temporal.newUntypedWorkflowStub(workflowId).getResult(30, java.util.concurrent.TimeUnit.SECONDS, Map.class);
    return workflowId;
  }

  @Test
  void personalDataReachesNoHistoryNoLogLineAndNoRowOnceErasedOrAnonymized(CapturedOutput output) throws Exception {
    String marker = "zqmark" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    List<String> workflowIds = new ArrayList<>();
    WebhookReceiver receiver = new WebhookReceiver().answerBody("{\"seen\":\"" + marker + "\"}");
    try (receiver) {
      assertThat(api.post("/api/orgs/" + orgId + "/webhook-subscriptions",
          "{\"url\":\"" + receiver.url("/hooks") + "\",\"eventTypes\":[\"petition.signed\",\"signature.cancelled\"]}").status()).isEqualTo(201);
      List<String> ids = contacts("ana." + marker + "@example.com", "Ana " + marker, "ben." + marker + "@example.com", "Ben " + marker);
      String ana = ids.get(0);
      String ben = ids.get(1);
      String petition = api.post("/api/orgs/" + orgId + "/petitions", "{\"title\":\"Petition " + marker + "\"}").body().get("id").asString();
      dsl.insertInto(PETITION_REPLIES).columns(PETITION_REPLIES.ID, PETITION_REPLIES.ORG_ID, PETITION_REPLIES.PETITION_ID, PETITION_REPLIES.CONTACT_ID, PETITION_REPLIES.BODY)
          .values("rep-a-" + orgId, orgId, petition, ana, "Ana says " + marker)
          .values("rep-b-" + orgId, orgId, petition, ben, "Ben says " + marker).execute();
      dsl.insertInto(PETITION_COMMENTS).columns(PETITION_COMMENTS.ID, PETITION_COMMENTS.ORG_ID, PETITION_COMMENTS.PETITION_ID, PETITION_COMMENTS.CONTACT_ID, PETITION_COMMENTS.AUTHOR_NAME, PETITION_COMMENTS.BODY)
          .values("com-b-" + orgId, orgId, petition, ben, "Ben " + marker, "comment " + marker).execute();
      upload("id-" + marker + ".pdf", ("Ana's id " + marker).getBytes(StandardCharsets.UTF_8), ana);

      // webhooks
      Api.Response published = api.post("/api/orgs/" + orgId + "/events",
          "{\"type\":\"petition.signed\",\"data\":{\"signer\":\"Ana " + marker + "\"}}");
      String deliveryId = published.body().get("deliveryIds").get(0).asString();
      await("/api/orgs/" + orgId + "/webhook-deliveries/" + deliveryId, "status", "DELIVERED");
      workflowIds.add("domain-event/" + orgId + "/" + published.body().get("eventId").asString());

      // bulk send
      String bulkSend = api.post("/api/orgs/" + orgId + "/bulk-sends",
          "{\"petitionId\":\"" + petition + "\",\"template\":\"petition-invite\",\"allContacts\":true}").body().get("id").asString();
      assertThat(await("/api/orgs/" + orgId + "/bulk-sends/" + bulkSend, "status", "COMPLETED").get("sent").asInt()).isEqualTo(2);
      workflowIds.add("bulk-send/" + bulkSend);

      // signature: created at the provider, one signer signs, then cancelled
      String fileId = upload("contract-" + marker + ".pdf", ("contract of " + marker).getBytes(StandardCharsets.UTF_8), null);
      Api.Response requested = api.post("/api/orgs/" + orgId + "/signature-requests",
          "{\"petitionId\":\"" + petition + "\",\"fileId\":\"" + fileId + "\",\"provider\":\"signaturit\","
              + "\"signers\":[{\"contactId\":\"" + ana + "\"},{\"contactId\":\"" + ben + "\"}]}");
      String signatureId = requested.body().get("id").asString();
      await("/api/orgs/" + orgId + "/signature-requests/" + signatureId, "state", "AWAITING_SIGNATURES");
      signaturit.event(signaturit.last().id(), 0, "document_signed", "signed");
      Eventually.await(() -> api.get("/api/orgs/" + orgId + "/signature-requests/" + signatureId).body(),
          b -> "SIGNED".equals(b.get("signers").get(0).get("state").asString()), Duration.ofSeconds(20));
      assertThat(api.post("/api/orgs/" + orgId + "/signature-requests/" + signatureId + "/cancel", "").status()).isEqualTo(202);
      await("/api/orgs/" + orgId + "/signature-requests/" + signatureId, "state", "CANCELLED");
      workflowIds.add("signature/" + signatureId);

      // exports, of Ana and of the organization
      for (String body : List.of("{\"contactId\":\"" + ana + "\"}", "{}")) {
        Api.Response export = api.post("/api/orgs/" + orgId + "/exports", body);
        assertThat(export.status()).isEqualTo(202);
        String exportId = export.body().get("id").asString();
        await("/api/orgs/" + orgId + "/exports/" + exportId, "status", "COMPLETED");
        assertThat(new String(download(exportId).body(), StandardCharsets.ISO_8859_1)).isNotEmpty();
        workflowIds.add(export.body().get("workflowId").asString());
      }

      // a member, notified of a comment and a completion (in-app, email, digest), exported, erased
      String cleo = api.post("/api/orgs/" + orgId + "/members",
          "{\"email\":\"cleo." + marker + "@example.com\",\"name\":\"Cleo " + marker + "\",\"role\":\"MANAGER\"}")
          .body().get("id").asString();
      assertThat(api.put("/api/orgs/" + orgId + "/members/" + cleo + "/notification-preferences",
          "{\"comment.created\":[\"IN_APP\",\"EMAIL\",\"DIGEST\"]}").status()).isEqualTo(200);
      String commentEvent = api.post("/api/orgs/" + orgId + "/petitions/" + petition + "/comments",
          "{\"body\":\"Cleo's remark " + marker + "\",\"authorName\":\"Cleo " + marker + "\"}").body().get("eventId").asString();
      // a closing timer, moved and then cancelled: its history holds ids and times
      String closing = api.post("/api/orgs/" + orgId + "/petitions",
          "{\"title\":\"Closing " + marker + "\",\"closesAt\":\"2030-01-01T00:00:00Z\"}").body().get("id").asString();
      api.patch("/api/orgs/" + orgId + "/petitions/" + closing, "{\"closesAt\":null}");
      workflowIds.add("petition-close/" + orgId + "/" + closing);
      assertThat(api.post("/api/orgs/" + orgId + "/petitions/" + petition + "/complete", "").status()).isEqualTo(200);
      await("/api/orgs/" + orgId + "/events/" + commentEvent, "status", "PROCESSED");
      await("/api/orgs/" + orgId + "/events/petition-completed-" + petition, "status", "PROCESSED");
      workflowIds.add("domain-event/" + orgId + "/" + commentEvent);
      workflowIds.add("domain-event/" + orgId + "/petition-completed-" + petition);
      workflowIds.add(runCronJob("petition-notifications"));
      assertThat(ses.emailsTo("cleo." + marker + "@example.com")).hasSize(3); // two at once, one digest
      Api.Response memberExport = api.post("/api/orgs/" + orgId + "/exports", "{\"memberId\":\"" + cleo + "\"}");
      assertThat(memberExport.body().get("memberId").asString()).isEqualTo(cleo);
      String memberExportId = memberExport.body().get("id").asString();
      await("/api/orgs/" + orgId + "/exports/" + memberExportId, "status", "COMPLETED");
      Map<String, byte[]> archive = unzip(download(memberExportId).body());
      assertThat(new String(archive.get("member.json"), StandardCharsets.UTF_8)).contains("cleo." + marker + "@example.com");
      assertThat(new String(archive.get("notifications.json"), StandardCharsets.UTF_8)).contains(commentEvent);
      assertThat(new String(archive.get("email_messages.json"), StandardCharsets.UTF_8)).contains("member-digest");
      assertThat(new String(archive.get("manifest.json"), StandardCharsets.UTF_8))
          .contains("\"memberId\": \"" + cleo + "\"").contains("\"email_messages.json\": 3");
      workflowIds.add(memberExport.body().get("workflowId").asString());
      Api.Response memberErased = api.post("/api/orgs/" + orgId + "/members/" + cleo + "/erasure", "");
      assertThat(memberErased.status()).isEqualTo(200);
      assertThat(memberErased.body().get("counts").get("members").asInt()).isEqualTo(1);
      assertThat(memberErased.body().get("counts").get("notifications").asInt()).isEqualTo(2);
      assertThat(memberErased.body().get("counts").get("notification-preferences").asInt()).isEqualTo(1);
      assertThat(api.get("/api/orgs/" + orgId + "/members/" + cleo).status()).isEqualTo(404);
      assertThat(api.post("/api/orgs/" + orgId + "/members/" + cleo + "/erasure", "").body().get("counts").get("members").asInt())
          .as("erasing again changes nothing").isZero();

      // a KYC profile screened: its name goes to the provider, its hit's to the hit table, neither to a history
      api.put("/api/orgs/" + orgId + "/integrations/screening", "{\"apiKey\":\"ca-key\",\"ratePerSecond\":20}");
      screeningProvider.hits("Dora " + marker, new FakeComplyAdvantage.FakeHit("GH1", "Dora " + marker, List.of("pep")));
      String dora = api.post("/api/orgs/" + orgId + "/profiles",
          "{\"type\":\"PERSON\",\"name\":\"Dora " + marker + "\",\"dateOfBirth\":\"1966-06-06\"}").body().get("id").asString();
      String screening = api.post("/api/orgs/" + orgId + "/screenings", "{\"profileIds\":[\"" + dora + "\"]}")
          .body().get("id").asString();
      assertThat(await("/api/orgs/" + orgId + "/screenings/" + screening, "status", "COMPLETED").get("withHits").asInt())
          .isEqualTo(1);
      assertThat(api.get("/api/orgs/" + orgId + "/profiles/" + dora + "/screening").body().toString()).contains(marker);
      workflowIds.add("profile-search/" + screening);
      // ... monitored, and changed: the callback's refresh reads the new hit's name, its history holds ids
      assertThat(api.post("/api/orgs/" + orgId + "/profiles/" + dora + "/monitoring", "").status()).isEqualTo(200);
      String searchId = screeningProvider.searchFor(dora).id();
      screeningProvider.update(searchId, new FakeComplyAdvantage.FakeHit("GH1", "Dora " + marker, List.of("pep")),
          new FakeComplyAdvantage.FakeHit("GH2", "Dora " + marker + " II", List.of("sanction")));
      String callbackUrl = api.get("/api/orgs/" + orgId + "/integrations/screening").body().get("callbackUrl").asString()
          .replace("http://localhost:8080", "http://127.0.0.1:" + HTTP_PORT);
      HttpResponse<String> callback = http.send(HttpRequest.newBuilder(java.net.URI.create(callbackUrl))
          .header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString(
              "{\"event\":\"monitored_search_updated\",\"data\":{\"search_id\":\"" + searchId + "\"}}"))
          .build(), HttpResponse.BodyHandlers.ofString());
      assertThat(callback.body()).contains("\"refreshing\":true");
      assertThat(temporal.newUntypedWorkflowStub("screening-refresh/" + orgId + "/" + searchId)
          .getResult(30, java.util.concurrent.TimeUnit.SECONDS, Boolean.class)).isTrue();
      workflowIds.add("screening-refresh/" + orgId + "/" + searchId);
      assertThat(api.delete("/api/orgs/" + orgId + "/profiles/" + dora).status()).isEqualTo(204);

      // a SAP partner synced as a profile: its name reaches the profile table, never a history
      sap.partners.add(FakeSap.BusinessPartner.person("77" + marker.hashCode(), "Edu", marker,
          java.time.LocalDate.of(2026, 1, 2), java.time.LocalTime.NOON));
      api.put("/api/orgs/" + orgId + "/integrations/sap",
          "{\"baseUrl\":\"" + sap.baseUrl() + "\",\"username\":\"sap-user\",\"password\":\"sap-pass\"}");
      workflowIds.add(runCronJob("sap-profile-polling"));
      Eventually.await(() -> api.get("/api/orgs/" + orgId + "/integrations/sap/runs").body().get("items"),
          items -> items.size() == 1 && "COMPLETED".equals(items.get(0).path("status").asString()), Duration.ofSeconds(30));
      workflowIds.add("sap-sync/" + orgId);

      // imports of contacts and of profiles: addresses and names reach the tables, never a history
      for (String[] file : new String[][] {
          {"contacts", "email,name\nfay." + marker + "@example.com,Fay " + marker + "\nbad-" + marker + ",X\n"},
          {"profiles", "type,name,country,externalId\nPERSON,Gil " + marker + ",ES,imp-" + marker + "\n"}}) {
        HttpResponse<String> imported = http.send(api.request("/api/orgs/" + orgId + "/imports")
                .header("Content-Type", "multipart/form-data; boundary=gdpr-boundary")
                .POST(HttpRequest.BodyPublishers.ofString("--gdpr-boundary\r\nContent-Disposition: form-data; name=\"kind\"\r\n\r\n"
                    + file[0] + "\r\n--gdpr-boundary\r\nContent-Disposition: form-data; name=\"file\"; filename=\"f.csv\"\r\n\r\n"
                    + file[1] + "\r\n--gdpr-boundary--\r\n"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(imported.statusCode()).as(imported.body()).isEqualTo(202);
        String importId = imported.body().replaceAll(".*\"id\":\"([^\"]+)\".*", "$1");
        await("/api/orgs/" + orgId + "/imports/" + importId, "status", "COMPLETED");
        workflowIds.add("import/" + importId);
      }

      // the application's own emails to Ana, by address and by contact: address and data reach
      // the message and request rows (erased with her), never a history
      for (String to : List.of("{\"address\":\"ana." + marker + "@example.com\"}", "{\"contactId\":\"" + ana + "\"}")) {
        Api.Response email = api.post("/api/orgs/" + orgId + "/emails", "{\"to\":" + to
            + ",\"template\":\"document-expiry\",\"data\":{\"documentType\":\"passport of Ana " + marker + "\"}}");
        assertThat(email.status()).as(email.body().toString()).isEqualTo(202);
        String emailId = email.body().get("id").asString();
        await("/api/orgs/" + orgId + "/emails/" + emailId, "status", "SENT");
        workflowIds.add("email/" + emailId);
      }

      // a compliance refresh over the profiles above: its run and history hold ids and kinds
      api.put("/api/orgs/" + orgId + "/compliance/requirements", "{\"profileDocumentKinds\":[\"passport\"]}");
      String complianceRun = api.post("/api/orgs/" + orgId + "/compliance/refresh", "").body().get("runId").asString();
      await("/api/orgs/" + orgId + "/compliance/runs/" + complianceRun, "status", "COMPLETED");
      workflowIds.add("compliance-refresh/" + complianceRun);

      // a cron run
      workflowIds.add(runCronJob("webhook-attempts-cleanup"));

      // Ana asks to be erased
      Api.Response erasure = api.post("/api/orgs/" + orgId + "/contacts/" + ana + "/erasure", "");
      assertThat(erasure.status()).isEqualTo(202);
      assertThat(erasure.body().get("workflowId").asString()).isEqualTo("erasure/" + ana);
      JsonNode erased = await("/api/orgs/" + orgId + "/contacts/" + ana + "/erasure", "status", "COMPLETED");
      assertThat(erased.get("counts").get("contacts").asInt()).isEqualTo(1);
      assertThat(erased.get("counts").get("files").asInt()).isEqualTo(1);
      workflowIds.add("erasure/" + ana);

      // the rest was deleted long ago, and the event is old: the anonymizer's turn
      OffsetDateTime longAgo = OffsetDateTime.now(ZoneOffset.UTC).minusDays(100);
      dsl.update(CONTACTS).set(CONTACTS.DELETED_AT, longAgo).where(CONTACTS.ORG_ID.eq(orgId)).execute();
      dsl.update(PETITIONS).set(PETITIONS.DELETED_AT, longAgo).where(PETITIONS.ORG_ID.eq(orgId)).execute();
      dsl.update(PROFILES).set(PROFILES.DELETED_AT, longAgo).where(PROFILES.ORG_ID.eq(orgId)).execute();
      dsl.update(FILES).set(FILES.DELETED_AT, longAgo).where(FILES.ORG_ID.eq(orgId)).and(FILES.DELETED_AT.isNull()).execute();
      dsl.update(DOMAIN_EVENTS).set(DOMAIN_EVENTS.CREATED_AT, longAgo).where(DOMAIN_EVENTS.ORG_ID.eq(orgId)).execute();
      workflowIds.add(runCronJob("anonymizer"));
    }
    // the scheduled cron workflows hold their job's name and input, and nothing else
    List.of("anonymizer", "webhook-attempts-cleanup", "gdpr-export-cleanup", "reminder-trigger", "organization-limits",
            "expiring-properties",
            "petition-notifications", "old-notifications", "idempotency-keys-cleanup", "screening-monitor",
            "adverse-media-monitor", "sap-profile-polling", "filing-reminders", "compliance-refresh", "scheduled-reports")
        .forEach(job -> workflowIds.add("cron/" + job));

    // the data really carried the marker: the receiver and SES saw it
    assertThat(receiver.received.get(0).body()).contains(marker);
    assertThat(ses.emails()).anySatisfy(e -> assertThat(e.to().get(0)).contains(marker));
    for (String workflowId : workflowIds) {
      List<String> runs = Histories.allRuns(temporal, workflowId);
      assertThat(runs).as(workflowId).isNotEmpty();
      runs.forEach(history -> assertThat(history.toLowerCase(Locale.ROOT)).as(workflowId).doesNotContain(marker));
    }
    // every line the host logged meanwhile, at debug level
    assertThat(output.getAll()).contains("Cron job").doesNotContainIgnoringCase(marker);
    List<String> tables = TestDatabase.tables(dsl, schema);
    assertThat(tables).contains("contacts", "domain_events", "webhook_attempts", "signature_events", "files");
    for (String table : tables) {
      int rows = dsl.fetchCount(DSL.selectFrom(DSL.table(DSL.name(schema, table)))
          .where(DSL.lower(DSL.cast(DSL.field(DSL.name(table)), String.class)).contains(marker)));
      assertThat(rows).as("rows of " + table + " holding the marker").isZero();
    }
  }

  @Test
  void anUploadToAnUnknownOrganizationOrCutShortLeavesNoFileAndNoRow() throws Exception {
    Path dir = Path.of("target/e2e-gdpr-files");
    Set<Path> before = filesUnder(dir);
    int rows = dsl.fetchCount(FILES);
    String boundary = "cut-boundary";
    String head = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"x.pdf\"\r\n"
        + "Content-Type: application/pdf\r\n\r\n";
    byte[] whole = (head + "%PDF-1.4 whole\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII);

    // the admin token reaches any organization, even one that does not exist
    HttpResponse<String> unknown = http.send(
        admin.request("/api/orgs/nobody/files")
            .header("Content-Type", "multipart/form-data; boundary=" + boundary)
            .POST(HttpRequest.BodyPublishers.ofByteArray(whole)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(unknown.statusCode()).isEqualTo(404);

    // a client that announces 200 KB, sends the start of the file and hangs up
    try (Socket socket = new Socket("127.0.0.1", HTTP_PORT)) {
      OutputStream out = socket.getOutputStream();
      out.write(("POST /api/orgs/" + orgId + "/files HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: " + api.authorization()
          + "\r\nContent-Type: multipart/form-data; boundary=" + boundary + "\r\nContent-Length: 200000\r\n\r\n"
          + head).getBytes(StandardCharsets.US_ASCII));
      out.write(new byte[50_000]);
      out.flush();
    }
    Thread.sleep(1_000); // the server notices the closed connection

    assertThat(filesUnder(dir)).isEqualTo(before);
    assertThat(dsl.fetchCount(FILES)).isEqualTo(rows);
  }

  private static Set<Path> filesUnder(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return Set.of();
    }
    try (var walk = Files.walk(dir)) {
      return walk.filter(Files::isRegularFile).collect(Collectors.toSet());
    }
  }

  @Test
  void anExportIsDownloadableUntilItExpires() throws Exception {
    String cid = contacts("cy@example.com", "Cy").get(0);
    upload("cy.pdf", "cy's file".getBytes(StandardCharsets.UTF_8), cid);
    Api.Response started = api.post("/api/orgs/" + orgId + "/exports", "{\"contactId\":\"" + cid + "\"}");
    assertThat(started.status()).isEqualTo(202);
    assertThat(started.body().get("status").asString()).isEqualTo("PENDING");
    String exportId = started.body().get("id").asString();
    assertThat(started.body().get("workflowId").asString()).isEqualTo("gdpr-export/" + exportId);

    JsonNode done = await("/api/orgs/" + orgId + "/exports/" + exportId, "status", "COMPLETED");
    assertThat(done.get("downloadUrl").asString()).isEqualTo("/api/orgs/" + orgId + "/exports/" + exportId + "/download");
    HttpResponse<byte[]> zip = download(exportId);
    assertThat(zip.statusCode()).isEqualTo(200);
    assertThat(zip.headers().firstValue("content-type")).hasValue("application/zip");
    assertThat(zip.body()).hasSize(done.get("sizeBytes").asInt());
    Map<String, byte[]> entries = unzip(zip.body());
    assertThat(new String(entries.get("contact.json"), StandardCharsets.UTF_8)).contains("cy@example.com");
    assertThat(entries.entrySet()).anySatisfy(e -> {
      assertThat(e.getKey()).startsWith("files/").endsWith("/cy.pdf");
      assertThat(new String(e.getValue(), StandardCharsets.UTF_8)).isEqualTo("cy's file");
    });

    dsl.update(EXPORTS).set(EXPORTS.EXPIRES_AT, OffsetDateTime.now(ZoneOffset.UTC).minusSeconds(1))
        .where(EXPORTS.ID.eq(exportId)).execute();
    runCronJob("gdpr-export-cleanup");

    JsonNode expired = api.get("/api/orgs/" + orgId + "/exports/" + exportId).body();
    assertThat(expired.get("status").asString()).isEqualTo("EXPIRED");
    assertThat(expired.get("downloadUrl").isNull()).isTrue();
    assertThat(download(exportId).statusCode()).isEqualTo(410);
  }

  @Test
  void badRequestsNameTheirFieldAndStoreNothing() throws Exception {
    String cid = contacts("dee@example.com", "Dee").get(0);
    int exportsBefore = dsl.fetchCount(EXPORTS);

    Api.Response badContact = api.post("/api/orgs/" + orgId + "/exports", "{\"contactId\":\"../x\"}");
    assertThat(badContact.status()).isEqualTo(400);
    assertThat(badContact.body().get("field").asString()).isEqualTo("contactId");
    assertThat(api.post("/api/orgs/" + orgId + "/exports", "{\"contactId\":\"con_nobody\"}").status()).isEqualTo(404);
    assertThat(api.post("/api/orgs/nobody/exports", "{}").status()).isEqualTo(404);
    assertThat(dsl.fetchCount(EXPORTS)).isEqualTo(exportsBefore);
    // no body at all: the organization's export
    Api.Response whole = api.post("/api/orgs/" + orgId + "/exports", "");
    assertThat(whole.status()).isEqualTo(202);
    assertThat(whole.body().get("contactId").isNull()).isTrue();
    await("/api/orgs/" + orgId + "/exports/" + whole.body().get("id").asString(), "status", "COMPLETED");
    assertThat(api.post("/api/orgs/" + orgId + "/contacts/con_nobody/erasure", "").status()).isEqualTo(404);
    assertThat(api.get("/api/orgs/" + orgId + "/contacts/" + cid + "/erasure").status()).isEqualTo(404);
    assertThat(api.get("/api/orgs/" + orgId + "/exports/exp_nobody").status()).isEqualTo(404);
    // an export that has not completed cannot be downloaded yet
    dsl.insertInto(EXPORTS).set(EXPORTS.ID, "exp_pending_" + orgId).set(EXPORTS.ORG_ID, orgId)
        .set(EXPORTS.STATUS, "PENDING").set(EXPORTS.WORKFLOW_STARTED_AT, OffsetDateTime.now(ZoneOffset.UTC)).execute();
    assertThat(download("exp_pending_" + orgId).statusCode()).isEqualTo(409);

    // erasing twice: the second run finds nothing left to change
    api.post("/api/orgs/" + orgId + "/contacts/" + cid + "/erasure", "");
    await("/api/orgs/" + orgId + "/contacts/" + cid + "/erasure", "status", "COMPLETED");
    Api.Response again = api.post("/api/orgs/" + orgId + "/contacts/" + cid + "/erasure", "");
    assertThat(again.status()).isEqualTo(202);
    JsonNode second = Eventually.await(
        () -> api.get("/api/orgs/" + orgId + "/contacts/" + cid + "/erasure").body(),
        b -> "COMPLETED".equals(b.path("status").asString()) && b.get("counts").get("contacts").asInt() == 0,
        Duration.ofSeconds(30));
    second.get("counts").forEach(count -> assertThat(count.asInt()).isZero());
  }
}
