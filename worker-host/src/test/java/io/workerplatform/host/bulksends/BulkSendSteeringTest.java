package io.workerplatform.host.bulksends;

import static io.workerplatform.db.Tables.BULK_SENDS;
import static org.assertj.core.api.Assertions.assertThat;

import io.workerplatform.common.TestDatabase;
import io.workerplatform.email.SesLocalServer;
import io.workerplatform.host.support.Api;
import io.workerplatform.host.support.ConsoleSession;
import io.workerplatform.host.support.Eventually;
import io.workerplatform.host.support.FreePort;
import io.workerplatform.host.support.Hosts;
import java.time.Duration;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/** Pause, resume and cancel through the REST API, on a bulk send slowed to 20 emails a second. */
class BulkSendSteeringTest {

  @Test
  void pausedHoldsResumedGoesOnCancelledStops() throws Exception {
    try (TestDatabase db = TestDatabase.create("e2e_steering");
        SesLocalServer ses = SesLocalServer.start();
        ConfigurableApplicationContext host =
            Hosts.start(
                db.schema,
                "platform.temporal.embedded.port=" + FreePort.find(),
                "platform.email.ses.endpoint=" + ses.endpoint(),
                "platform.email.ses.access-key-id=local",
                "platform.email.ses.secret-access-key=local",
                "platform.email.max-per-second=20",
                "platform.bulk-send.page-size=5",
                "platform.bulk-send.window=1")) {
      Api api = Api.admin(Hosts.httpPort(host)).newOrganization("acme");
      api.post(
          "/api/orgs/acme/contacts",
          IntStream.range(0, 300)
              .mapToObj(i -> "{\"email\":\"s" + i + "@example.com\"}")
              .collect(Collectors.joining(",", "{\"contacts\":[", "]}")));
      String petition = api.post("/api/orgs/acme/petitions", "{\"title\":\"Steer\"}").body().get("id").asString();
      String id =
          api.post(
                  "/api/orgs/acme/bulk-sends",
                  "{\"petitionId\":\"" + petition + "\",\"template\":\"petition-reminder\",\"allContacts\":true}")
              .body()
              .get("id")
              .asString();
      String path = "/api/orgs/acme/bulk-sends/" + id;
      Eventually.await(() -> ses.emails().size(), n -> n >= 10, Duration.ofSeconds(30));

      assertThat(api.post(path + "/pause", "").status()).isEqualTo(202);
      JsonNode paused = Eventually.await(() -> api.get(path).body(), b -> "PAUSED".equals(b.path("status").asString()), Duration.ofSeconds(10));
      assertThat(paused.get("total").asInt()).isEqualTo(300);
      Thread.sleep(1_500); // the batch in flight finishes its page of 5, then nothing
      int whilePaused = ses.emails().size();
      Thread.sleep(1_500);
      assertThat(ses.emails()).hasSize(whilePaused);

      assertThat(api.post(path + "/resume", "").status()).isEqualTo(202);
      Eventually.await(() -> ses.emails().size(), n -> n > whilePaused + 10, Duration.ofSeconds(30));

      assertThat(api.post(path + "/cancel", "").status()).isEqualTo(202);
      JsonNode cancelled =
          Eventually.await(() -> api.get(path).body(), b -> "CANCELLED".equals(b.path("status").asString()), Duration.ofSeconds(30));
      int sent = ses.emails().size();
      assertThat(sent).isLessThan(300);
      assertThat(cancelled.get("sent").asInt()).isEqualTo(sent);
      assertThat(db.dsl.fetchValue(BULK_SENDS.STATUS, BULK_SENDS.ID.eq(id))).isEqualTo("CANCELLED");
      assertThat(api.post(path + "/resume", "").status()).isEqualTo(409);
      assertThat(api.post("/api/orgs/acme/bulk-sends/bs_unknown/pause", "").status()).isEqualTo(404);
      Thread.sleep(1_000);
      assertThat(ses.emails()).hasSize(sent); // nothing after the cancel

      // The console's buttons steer a second one through the same API and checks.
      String second =
          api.post(
                  "/api/orgs/acme/bulk-sends",
                  "{\"petitionId\":\"" + petition + "\",\"template\":\"petition-invite\",\"allContacts\":true}")
              .body()
              .get("id")
              .asString();
      String secondPath = "/api/orgs/acme/bulk-sends/" + second;
      Eventually.await(() -> api.get(secondPath).body().path("sent").asInt(), n -> n >= 5, Duration.ofSeconds(30));
      ConsoleSession console = new ConsoleSession(Hosts.httpPort(host));
      console.signIn(Api.ADMIN_TOKEN);
      String page = console.get("/console/orgs/acme/bulk-sends").body();
      assertThat(page).contains(second).contains("<progress class=\"bar\"").contains("/bulk-sends/" + second + "/pause");

      assertThat(console.submit("/console/orgs/acme/bulk-sends/" + second + "/pause").statusCode()).isEqualTo(302);
      Eventually.await(() -> api.get(secondPath).body(), b -> "PAUSED".equals(b.path("status").asString()), Duration.ofSeconds(10));
      page = console.get("/console/orgs/acme/bulk-sends").body();
      assertThat(page).contains("Bulk send " + second + ": pause sent.").contains("/bulk-sends/" + second + "/resume");
      // The batch in flight finishes its page first: a cancel that races its completion meets a bug of
      // the embedded test server (FAILED_PRECONDITION ACTIVITY_UNKNOWN on the cancel request,
      // temporalio/sdk-java#2391, open), which leaves the workflow CANCELLING; a real Temporal
      // server takes the two in order.
      Thread.sleep(1_500);

      assertThat(console.submit("/console/orgs/acme/bulk-sends/" + second + "/cancel").statusCode()).isEqualTo(302);
      Eventually.await(() -> api.get(secondPath).body(), b -> "CANCELLED".equals(b.path("status").asString()), Duration.ofSeconds(30));
      console.get("/console/orgs/acme/bulk-sends");
      // steering one that ended: the API's 409, shown as the page's error
      console.submit("/console/orgs/acme/bulk-sends/" + second + "/resume");
      assertThat(console.get("/console/orgs/acme/bulk-sends").body()).contains("bulk send " + second + " is CANCELLED already");
    }
  }
}
