package io.workerplatform.host.imports;

import static io.workerplatform.db.Tables.CONTACTS;
import static io.workerplatform.db.Tables.IMPORTS;
import static org.assertj.core.api.Assertions.assertThat;

import io.workerplatform.common.TestDatabase;
import io.workerplatform.host.support.Api;
import io.workerplatform.host.support.ChildJvm;
import io.workerplatform.host.support.Eventually;
import io.workerplatform.host.support.FreePort;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded Temporal server in a process of its own and the worker host in another, killed
 * with SIGKILL twice in the middle of an import and started again: the import completes from its
 * last committed batch, and every row became exactly one contact.
 */
class ImportCrashTest {
  private static final int ROWS = 30_000;

  @TempDir Path files;
  private TestDatabase db;
  private ChildJvm temporal;
  private ChildJvm host;
  private int temporalPort;
  private int httpPort;

  @BeforeEach
  void start() {
    db = TestDatabase.create("import_crash");
    temporalPort = FreePort.find();
    temporal = ChildJvm.temporalServer(temporalPort);
    host = startHost();
  }

  @AfterEach
  void stop() throws Exception {
    if (host != null) {
      host.kill();
    }
    temporal.kill();
    db.close();
  }

  private ChildJvm startHost() {
    httpPort = FreePort.find();
    return ChildJvm.workerHost(httpPort, List.of(
        "spring.temporal.connection.target=127.0.0.1:" + temporalPort,
        "platform.workers.sticky-execution=false",
        "platform.db.schema=" + db.schema,
        "platform.files.directory=" + files,
        "platform.imports.batch-size=100",
        "platform.imports.slice=300ms"));
  }

  private int contacts() {
    return db.dsl.fetchCount(CONTACTS, CONTACTS.ORG_ID.eq("acme"));
  }

  private void killAndRestart(String when) {
    host.kill();
    System.out.printf("killed the worker host %s; %d contacts committed%n", when, contacts());
    host = startHost();
  }

  @Test
  void killedTwiceMidImportEveryRowBecomesExactlyOneContact() throws Exception {
    Api api = Api.admin(httpPort).newOrganization("acme");
    StringBuilder csv = new StringBuilder("email,name\n");
    for (int i = 0; i < ROWS; i++) {
      csv.append("row").append(i).append("@example.com,Row ").append(i).append('\n');
    }
    String boundary = "crash-boundary";
    Api.Response created = api.send("POST", "/api/orgs/acme/imports", HttpRequest.BodyPublishers.ofString(
            "--" + boundary + "\r\nContent-Disposition: form-data; name=\"kind\"\r\n\r\ncontacts\r\n--" + boundary
                + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"rows.csv\"\r\n\r\n" + csv + "\r\n--"
                + boundary + "--\r\n", StandardCharsets.UTF_8),
        "Content-Type", "multipart/form-data; boundary=" + boundary);
    assertThat(created.status()).as(created.body().toString()).isEqualTo(202);
    String id = created.body().get("id").asString();

    Eventually.await(this::contacts, n -> n > 3_000, Duration.ofMinutes(1));
    killAndRestart("mid-import");
    int before = contacts();
    Eventually.await(this::contacts, n -> n > before + 3_000, Duration.ofMinutes(1));
    killAndRestart("mid-import again");

    Api restarted = api.onPort(httpPort); // the restarted host listens on a port of its own
    var done = Eventually.await(() -> restarted.get("/api/orgs/acme/imports/" + id).body(),
        b -> "COMPLETED".equals(b.path("status").asString()), Duration.ofMinutes(3));
    assertThat(done.get("rows").asInt()).isEqualTo(ROWS);
    assertThat(done.get("imported").asInt()).isEqualTo(ROWS);
    assertThat(contacts()).isEqualTo(ROWS);
    assertThat(db.dsl.select(DSL.countDistinct(CONTACTS.EMAIL)).from(CONTACTS).where(CONTACTS.ORG_ID.eq("acme")).fetchSingle().value1())
        .isEqualTo(ROWS);
    // the file went with the import's end
    String key = db.dsl.fetchValue(IMPORTS.STORAGE_KEY, IMPORTS.ID.eq(id));
    assertThat(Files.exists(files.resolve(key))).isFalse();
  }
}
