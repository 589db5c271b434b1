package io.workerplatform.host.imports;

import static io.workerplatform.db.Tables.CONTACTS;
import static io.workerplatform.db.Tables.IMPORTS;
import static io.workerplatform.db.Tables.PROFILES;
import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.client.WorkflowClient;
import io.workerplatform.host.relay.StalledWorkSweeper;
import io.workerplatform.host.support.Api;
import io.workerplatform.host.support.Eventually;
import io.workerplatform.host.support.HostTest;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.jooq.DSLContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Imports through the REST API with an organization's key: a file streamed in, its rows matched
 * and written, its errors as CSV, its key, its steering, a terminated workflow resumed.
 */
@HostTest
class ImportsEndToEndTest {
  static final String BOUNDARY = "----import-boundary-7MA4YWxk";

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    // small batches and slices: the steering below acts between them
    registry.add("platform.imports.batch-size", () -> "50");
    registry.add("platform.imports.slice", () -> "100ms");
  }

  @LocalServerPort int port;
  @Autowired DSLContext dsl;
  @Autowired StalledWorkSweeper sweeper;
  @Autowired WorkflowClient temporal;
  private Api api;
  private String orgId;
  private String base;

  @BeforeEach
  void organization() {
    orgId = "org-" + System.nanoTime();
    api = Api.admin(port).newOrganization(orgId); // the organization's own key
    base = "/api/orgs/" + orgId;
  }

  static byte[] multipart(String kind, byte[] file) {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    if (kind != null) {
      body.writeBytes(("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"kind\"\r\n\r\n" + kind + "\r\n")
          .getBytes(StandardCharsets.UTF_8));
    }
    if (file != null) {
      body.writeBytes(("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"people.csv\"\r\n"
          + "Content-Type: text/csv\r\n\r\n").getBytes(StandardCharsets.UTF_8));
      body.writeBytes(file);
      body.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
    }
    body.writeBytes(("--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.UTF_8));
    return body.toByteArray();
  }

  Api.Response upload(String kind, String csv, String... headers) {
    return upload(kind, csv.getBytes(StandardCharsets.UTF_8), headers);
  }

  Api.Response upload(String kind, byte[] file, String... headers) {
    String[] all = new String[headers.length + 2];
    all[0] = "Content-Type";
    all[1] = "multipart/form-data; boundary=" + BOUNDARY;
    System.arraycopy(headers, 0, all, 2, headers.length);
    return api.send("POST", base + "/imports", HttpRequest.BodyPublishers.ofByteArray(multipart(kind, file)), all);
  }

  JsonNode await(String id, String status) {
    return Eventually.await(() -> api.get(base + "/imports/" + id).body(),
        b -> status.equals(b.path("status").asString()), Duration.ofSeconds(60));
  }

  @Test
  void aContactsFileIsImportedByAddressIgnoringCaseWithItsRowErrorsServedAsCsv() {
    api.post(base + "/contacts", "{\"contacts\":[{\"email\":\"Ana@Example.com\",\"name\":\"Ana\",\"locale\":\"pt\"}]}");
    String csv = "email,name\r\n"
        + "ana@example.com,\"Diaz, Ana\"\r\n"
        + "bo@example.com,Bo\r\n"
        + "not-an-address,Cy\r\n"
        + "dee@example.com\r\n"
        + "BO@example.com,Bo Again\r\n";

    Api.Response created = upload("contacts", csv, "Idempotency-Key", "upload-1");

    assertThat(created.status()).as(created.body().toString()).isEqualTo(202);
    String id = created.body().get("id").asString();
    assertThat(created.body().get("status").asString()).isIn("QUEUED", "RUNNING");
    assertThat(created.header("Location")).isEqualTo(base + "/imports/" + id);
    JsonNode done = await(id, "COMPLETED");
    assertThat(done.get("rows").asInt()).isEqualTo(5);
    assertThat(done.get("imported").asInt()).isEqualTo(1);
    assertThat(done.get("updated").asInt()).isEqualTo(2);
    assertThat(done.get("failed").asInt()).isEqualTo(2);
    assertThat(dsl.select(CONTACTS.EMAIL, CONTACTS.NAME, CONTACTS.LOCALE).from(CONTACTS).where(CONTACTS.ORG_ID.eq(orgId))
            .fetch().map(r -> r.intoList()))
        .containsExactlyInAnyOrder(List.of("ana@example.com", "Diaz, Ana", "pt"), List.of("BO@example.com", "Bo Again", "en"));

    Api.Text errors = api.getText(base + "/imports/" + id + "/errors");
    assertThat(errors.status()).isEqualTo(200);
    assertThat(errors.body()).isEqualTo("line,column,reason\r\n"
        + "4,email,is not a valid email address\r\n"
        + "5,,has 1 fields; the header has 2\r\n");

    // the same key and file: the same import; the key with another file: refused
    Api.Response again = upload("contacts", csv, "Idempotency-Key", "upload-1");
    assertThat(again.status()).isEqualTo(202);
    assertThat(again.body().get("id").asString()).isEqualTo(id);
    assertThat(again.header("Idempotent-Replayed")).isEqualTo("true");
    upload("contacts", csv + "eve@example.com,Eve\r\n", "Idempotency-Key", "upload-1").assertProblem(422, "Idempotency-Key");
    assertThat(dsl.fetchCount(IMPORTS, IMPORTS.ORG_ID.eq(orgId))).isEqualTo(1);
    assertThat(api.get(base + "/imports").body().get("items")).hasSize(1);

    // another organization's key reaches none of it
    String other = "org-other-" + System.nanoTime();
    Api otherKey = Api.admin(port).newOrganization(other);
    assertThat(otherKey.get(base + "/imports/" + id).status()).isEqualTo(404);
    assertThat(otherKey.get("/api/orgs/" + other + "/imports/" + id).status()).isEqualTo(404);
    assertThat(otherKey.getText("/api/orgs/" + other + "/imports/" + id + "/errors").status()).isEqualTo(404);
  }

  @Test
  void profilesAreImportedByExternalId() {
    String existing = api.post(base + "/profiles", "{\"type\":\"COMPANY\",\"name\":\"Acme\",\"externalId\":\"BP-1\"}")
        .body().get("id").asString();

    String id = upload("profiles", "type,name,country,externalId,registrationNumber\n"
        + "COMPANY,Acme AG,DE,BP-1,HRB 1\n"
        + "PERSON,Ana Diaz,ES,BP-2,\n"
        + "ROBOT,R2,,BP-3,\n").body().get("id").asString();

    JsonNode done = await(id, "COMPLETED");
    assertThat(List.of(done.get("imported").asInt(), done.get("updated").asInt(), done.get("failed").asInt()))
        .containsExactly(1, 1, 1);
    JsonNode acme = api.get(base + "/profiles/" + existing).body();
    assertThat(acme.get("name").asString()).isEqualTo("Acme AG");
    assertThat(acme.get("registrationNumber").asString()).isEqualTo("HRB 1");
    assertThat(dsl.fetchCount(PROFILES, PROFILES.ORG_ID.eq(orgId))).isEqualTo(2);
    assertThat(api.getText(base + "/imports/" + id + "/errors").body())
        .endsWith("4,type,\"must be one of PERSON, COMPANY\"\r\n");
  }

  @Test
  void badUploadsNameTheirFieldAndStoreNothing() {
    upload(null, "email,name\n").assertProblem(400, "kind");
    upload("invoices", "email,name\n").assertProblem(400, "kind");
    upload("contacts", "email,phone\n").assertProblem(400, "file");
    upload("contacts", "").assertProblem(400, "file");
    upload("contacts", (byte[]) null).assertProblem(400, "file");
    upload("contacts", "email,name\n", "Idempotency-Key", "has space").assertProblem(400, "Idempotency-Key");
    api.send("POST", base + "/imports", HttpRequest.BodyPublishers.ofString("--x\r\nbroken"),
        "Content-Type", "multipart/form-data; boundary=" + BOUNDARY).assertProblem(400, "body");

    assertThat(dsl.fetchCount(IMPORTS, IMPORTS.ORG_ID.eq(orgId))).isZero();
  }

  @Test
  void aFileLargerThanOtherUploadsMayBeStreamsThroughAndOneOverTheImportLimitIsRefusedAtOnce() throws Exception {
    // 25 MB, over the 20 MB of spring.servlet.multipart: one row whose name is far too long
    byte[] big = ("email,name\na@example.com,\"" + "x".repeat(25 * 1024 * 1024) + "\"\n").getBytes(StandardCharsets.UTF_8);
    String id = upload("contacts", big).body().get("id").asString();

    JsonNode done = await(id, "COMPLETED");
    assertThat(done.get("failed").asInt()).isEqualTo(1);
    assertThat(done.get("sizeBytes").asLong()).isEqualTo(big.length);

    // a body announcing more than 100 MB is refused before it is read
    try (Socket socket = new Socket("127.0.0.1", port)) {
      OutputStream out = socket.getOutputStream();
      out.write(("POST " + base + "/imports HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: " + api.authorization()
          + "\r\nContent-Type: multipart/form-data; boundary=" + BOUNDARY + "\r\nContent-Length: 200000000\r\n\r\n")
          .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = socket.getInputStream();
      String status = new String(in.readNBytes(12), StandardCharsets.US_ASCII);
      assertThat(status).isEqualTo("HTTP/1.1 413");
    }
  }

  @Test
  void aPausedImportCommitsNothingUntilResumedAndACancelKeepsWhatWasCommitted() throws Exception {
    StringBuilder csv = new StringBuilder("email,name\n");
    for (int i = 0; i < 20_000; i++) {
      csv.append("c").append(i).append("@example.com,C\n");
    }
    String id = upload("contacts", csv.toString()).body().get("id").asString();
    assertThat(api.post(base + "/imports/" + id + "/pause", "").status()).isEqualTo(202);
    await(id, "PAUSED");
    Thread.sleep(500); // the slice in flight ends
    int paused = dsl.fetchCount(CONTACTS, CONTACTS.ORG_ID.eq(orgId));
    Thread.sleep(700);
    assertThat(dsl.fetchCount(CONTACTS, CONTACTS.ORG_ID.eq(orgId))).isEqualTo(paused).isLessThan(20_000);

    assertThat(api.post(base + "/imports/" + id + "/resume", "").status()).isEqualTo(202);
    Eventually.await(() -> dsl.fetchCount(CONTACTS, CONTACTS.ORG_ID.eq(orgId)), n -> n > paused, Duration.ofSeconds(30));
    assertThat(api.post(base + "/imports/" + id + "/cancel", "").status()).isEqualTo(202);

    JsonNode cancelled = await(id, "CANCELLED");
    int contacts = dsl.fetchCount(CONTACTS, CONTACTS.ORG_ID.eq(orgId));
    assertThat(cancelled.get("imported").asInt()).isEqualTo(contacts).isLessThan(20_000);
    assertThat(cancelled.get("rows").asInt()).isEqualTo(contacts);
    api.post(base + "/imports/" + id + "/resume", "").assertProblem(409, "id");
  }

  @Test
  void aTerminatedImportIsResumedBySweeperFromItsLastCommittedBatchWithoutARowTwice() {
    StringBuilder csv = new StringBuilder("email,name\n");
    for (int i = 0; i < 5_000; i++) {
      csv.append("t").append(i).append("@example.com,T\n");
    }
    String id = upload("contacts", csv.toString()).body().get("id").asString();
    Eventually.await(() -> dsl.fetchCount(CONTACTS, CONTACTS.ORG_ID.eq(orgId)), n -> n > 0, Duration.ofSeconds(30));
    temporal.newUntypedWorkflowStub("import/" + id).terminate("an operator's mistake");
    // as it would stand had it been terminated an hour into its run
    dsl.update(IMPORTS).set(IMPORTS.CREATED_AT, java.time.OffsetDateTime.now().minusHours(1))
        .where(IMPORTS.ID.eq(id)).execute();

    assertThat(sweeper.sweep()).isGreaterThanOrEqualTo(1);

    JsonNode done = await(id, "COMPLETED");
    assertThat(done.get("imported").asInt()).isEqualTo(5_000);
    assertThat(dsl.fetchCount(CONTACTS, CONTACTS.ORG_ID.eq(orgId))).isEqualTo(5_000);
    assertThat(dsl.fetchCount(dsl.selectDistinct(CONTACTS.EMAIL).from(CONTACTS).where(CONTACTS.ORG_ID.eq(orgId))))
        .isEqualTo(5_000);
  }
}
