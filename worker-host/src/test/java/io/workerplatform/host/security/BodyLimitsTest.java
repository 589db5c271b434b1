package io.workerplatform.host.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.workerplatform.host.support.Api;
import io.workerplatform.host.support.HostFingerprint;
import io.workerplatform.host.support.HostTest;
import io.workerplatform.host.support.WorkflowCallRecorder;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.jooq.DSLContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * What a request body may be: refused before it is parsed when too large (413), a multipart body
 * refused before it is read where no upload is taken (415), long strings and lists refused naming
 * the field (400); and nothing written, stored or started meanwhile.
 */
@HostTest
@Import(WorkflowCallRecorder.class)
class BodyLimitsTest {
  private static final Path FILES = temporaryDirectory();

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    registry.add("platform.workers.task-queues", () -> "");
    // under Tomcat's swallow size (2 MB), so an oversized test body is read to its end, not cut off
    registry.add("platform.api.max-body-size", () -> "1MB");
    registry.add("platform.files.directory", () -> FILES.toString());
  }

  @LocalServerPort int port;
  @Autowired DSLContext dsl;
  @Autowired io.workerplatform.files.FileStorage fileStorage;
  @Autowired WorkflowCallRecorder.WorkflowCalls workflowCalls;
  @Value("${platform.db.schema}") String schema;

  private Api admin;
  private Api orgA;
  private String a;

  @BeforeEach
  void organization() {
    admin = Api.admin(port);
    a = "org-body-" + System.nanoTime();
    orgA = admin.newOrganization(a);
    // the key's first use is written ("last used"); later ones within a minute are not
    assertThat(orgA.get("/api/orgs/" + a + "/usage").status()).isEqualTo(200);
    workflowCalls.calls.clear();
  }

  private String fingerprint() {
    return HostFingerprint.of(dsl, schema, FILES, workflowCalls);
  }

  private static Path temporaryDirectory() {
    try {
      return Files.createTempDirectory("body-limits-files");
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test
  void oversizedBodiesAre413AndLongStringsAndListsAre400NamingTheFieldWritingNothing() {
    String before = fingerprint();
    String events = "/api/orgs/" + a + "/events";
    String big = "{\"type\":\"petition.created\",\"data\":{\"x\":\"" + "x".repeat(1024 * 1024) + "\"}}";

    Api.Response declared = orgA.post(events, big);
    Api.Response chunked = orgA.send("POST", events,
        HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(big.getBytes())),
        "content-type", "application/json");
    Api.Response callback = Api.anonymous(port).send("POST", "/callbacks/ses",
        HttpRequest.BodyPublishers.ofString("x".repeat(256 * 1024 + 1)), "content-type", "text/plain");

    for (Api.Response tooLarge : List.of(declared, chunked, callback)) {
      assertThat(tooLarge.status()).isEqualTo(413);
      assertThat(tooLarge.contentType()).startsWith("application/problem+json");
    }
    assertThat(declared.body().get("maxBytes").asLong()).isEqualTo(1024L * 1024);
    assertThat(callback.body().get("maxBytes").asLong()).isEqualTo(256L * 1024);

    String subscriptions = "/api/orgs/" + a + "/webhook-subscriptions";
    orgA.post(subscriptions, "{\"url\":\"https://example.com/" + "p".repeat(2048) + "\",\"eventTypes\":[\"petition.created\"]}").assertProblem(400, "url");
    orgA.post(subscriptions, "{\"url\":\"https://example.com/h\",\"eventTypes\":" + list(101, "\"petition.created\"") + "}").assertProblem(400, "eventTypes");
    orgA.post("/api/orgs/" + a + "/contacts",
        "{\"contacts\":[{\"email\":\"a@example.com\",\"name\":\"" + "n".repeat(201) + "\"}]}").assertProblem(400, "contacts[0].name");
    orgA.post("/api/orgs/" + a + "/contacts",
        "{\"contacts\":[{\"email\":\"" + "a".repeat(250) + "@example.com\"}]}").assertProblem(400, "contacts[0].email");
    orgA.post("/api/orgs/" + a + "/contacts", "{\"contacts\":" + list(10_001, "{\"email\":\"a@example.com\"}") + "}").assertProblem(400, "contacts");
    orgA.post("/api/orgs/" + a + "/petitions", "{\"title\":\"" + "t".repeat(201) + "\"}").assertProblem(400, "title");
    orgA.post("/api/orgs/" + a + "/bulk-sends",
        "{\"petitionId\":\"p\",\"template\":\"petition-invite\",\"contactIds\":" + list(10_001, "\"c\"") + "}").assertProblem(400, "contactIds");
    admin.post("/api/orgs", "{\"id\":\"long\",\"name\":\"" + "n".repeat(201) + "\"}").assertProblem(400, "name");
    admin.post("/api/orgs/" + a + "/api-keys", "{\"name\":\"" + "n".repeat(101) + "\"}").assertProblem(400, "name");

    assertThat(fingerprint()).isEqualTo(before);
  }

  @Test
  void aMultipartBodyOnARouteWithoutUploadsIsRefusedBeforeItIsRead() throws Exception {
    String before = fingerprint();
    // 20 MB announced, 1 KB sent: the answer must come without the rest
    try (java.net.Socket socket = new java.net.Socket("127.0.0.1", port)) {
      socket.setSoTimeout(5_000);
      String head = "POST /api/orgs/" + a + "/events HTTP/1.1\r\nHost: localhost\r\n"
          + "Authorization: Bearer " + orgA.token() + "\r\n"
          + "Content-Type: multipart/form-data; boundary=xyz\r\nContent-Length: " + (20 * 1024 * 1024) + "\r\n\r\n"
          + "--xyz\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.bin\"\r\n\r\n";
      socket.getOutputStream().write(head.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
      socket.getOutputStream().write(new byte[1024]);
      socket.getOutputStream().flush();
      String answer = new String(socket.getInputStream().readNBytes(12), java.nio.charset.StandardCharsets.US_ASCII);

      assertThat(answer).isEqualTo("HTTP/1.1 415");
    }
    Api.Response refused = orgA.send("POST", "/api/orgs/" + a + "/petitions",
        HttpRequest.BodyPublishers.ofString("--xyz--\r\n"), "content-type", "multipart/form-data; boundary=xyz");
    refused.assertProblem(415, "Content-Type");
    // the upload route still takes its multipart body
    Api.Response uploaded = orgA.send("POST", "/api/orgs/" + a + "/files",
        HttpRequest.BodyPublishers.ofString("--xyz\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.pdf\"\r\n"
            + "Content-Type: application/pdf\r\n\r\n%PDF-1.4\r\n--xyz--\r\n"),
        "content-type", "multipart/form-data; boundary=xyz");
    assertThat(uploaded.status()).isEqualTo(201);
    var files = io.workerplatform.db.Tables.FILES;
    fileStorage.delete(dsl.fetchValue(files.STORAGE_KEY, files.ID.eq(uploaded.body().get("id").asString())));
    dsl.deleteFrom(files).where(files.ORG_ID.eq(a)).execute();
    assertThat(fingerprint()).isEqualTo(before);
  }

  private static String list(int size, String element) {
    return java.util.stream.Stream.generate(() -> element).limit(size).collect(java.util.stream.Collectors.joining(",", "[", "]"));
  }
}
