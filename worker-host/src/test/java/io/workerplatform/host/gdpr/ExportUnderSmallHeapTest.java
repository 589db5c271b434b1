package io.workerplatform.host.gdpr;

import static org.assertj.core.api.Assertions.assertThat;

import io.workerplatform.common.TestDatabase;
import io.workerplatform.host.support.Api;
import io.workerplatform.host.support.ChildJvm;
import io.workerplatform.host.support.Eventually;
import io.workerplatform.host.support.FreePort;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.InputStreamReader;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * An organization of 200,000 contacts exported and downloaded by a worker host with a 256 MiB
 * heap: the archive is written from cursors to storage and served from storage as streams.
 */
class ExportUnderSmallHeapTest {
  static final int CONTACTS = 200_000;

  @Test
  void twoHundredThousandContactsExportAndDownloadUnderA256MiBHeap() throws Exception {
    try (TestDatabase db = TestDatabase.create("e2e_export_heap")) {
      int httpPort = FreePort.find();
      try (ChildJvm host = ChildJvm.workerHost(httpPort, List.of(
          "platform.db.schema=" + db.schema,
          "platform.temporal.embedded.port=" + FreePort.find(),
          "platform.workers.task-queues=gdpr",
          "platform.files.directory=" + java.nio.file.Files.createTempDirectory("export-heap")), "256m")) {
        Api api = Api.admin(httpPort).newOrganization("big");
        db.dsl.execute("insert into " + db.schema + ".contacts (id, org_id, email, name, locale) "
            + "select 'con_' || g, 'big', 'contact' || g || '@example.com', 'Contact number ' || g, 'en' "
            + "from generate_series(1, " + CONTACTS + ") g");

        String exportId = api.post("/api/orgs/big/exports", "{}").body().get("id").asString();
        JsonNode done = Eventually.await(
            () -> api.get("/api/orgs/big/exports/" + exportId).body(),
            b -> List.of("COMPLETED", "FAILED").contains(b.path("status").asString()),
            Duration.ofMinutes(3));
        assertThat(done.get("status").asString()).as(done.toString()).isEqualTo("COMPLETED");

        HttpResponse<byte[]> download = HttpClient.newHttpClient().send(
            api.request("/api/orgs/big/exports/" + exportId + "/download").build(),
            HttpResponse.BodyHandlers.ofByteArray());
        assertThat(download.statusCode()).isEqualTo(200);
        int contactLines = 0;
        String manifest = null;
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(download.body()))) {
          for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
            BufferedReader lines = new BufferedReader(new InputStreamReader(zip, StandardCharsets.UTF_8));
            if (e.getName().equals("contacts.json")) {
              for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                contactLines += line.startsWith("{\"id\":\"con_") ? 1 : 0;
              }
            } else if (e.getName().equals("manifest.json")) {
              manifest = lines.lines().reduce("", String::concat);
            }
          }
        }
        assertThat(contactLines).isEqualTo(CONTACTS);
        assertThat(manifest).contains("\"contacts.json\": " + CONTACTS);
        assertThat(download.body()).hasSize(done.get("sizeBytes").asInt());
        assertThat(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(download.body())))
            .isEqualTo(done.get("sha256").asString());
        assertThat(host.isAlive()).isTrue();
        assertThat(host.log()).doesNotContain("OutOfMemoryError");
      }
    }
  }
}
