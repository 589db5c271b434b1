package io.workerplatform.host.api;

import static io.workerplatform.db.Tables.DOMAIN_EVENTS;
import static org.assertj.core.api.Assertions.assertThat;

import io.workerplatform.common.TestDatabase;
import io.workerplatform.host.support.Api;
import io.workerplatform.host.support.Eventually;
import io.workerplatform.host.support.FreePort;
import io.workerplatform.host.support.Hosts;
import io.workerplatform.host.support.TcpProxy;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The API while PostgreSQL cannot be reached (a proxy in front of it drops every connection): a
 * request that cannot be carried out says so (503, try again) and changes nothing. Before, it was
 * answered 200 with an empty body, so a client took a lost event for a published one.
 */
class DatabaseOutageApiTest {
  private static final String EVENT = "{\"id\":\"evt-outage\",\"type\":\"petition.completed\",\"data\":{\"n\":1}}";

  private static int postgresPort() {
    String url = System.getenv().getOrDefault("TEST_DATABASE_URL", "jdbc:postgresql://127.0.0.1:5432/postgres");
    int port = URI.create(url.substring("jdbc:".length())).getPort();
    return port < 0 ? 5432 : port;
  }

  @Test
  void whileTheDatabaseIsDownRequestsAnswer503AndNothingIsHalfWritten() throws Exception {
    try (TestDatabase db = TestDatabase.create("db_outage");
        TcpProxy proxy = new TcpProxy(postgresPort());
        ConfigurableApplicationContext host =
            Hosts.start(
                db.schema,
                "platform.temporal.embedded.port=" + FreePort.find(),
                "spring.datasource.url=jdbc:postgresql://127.0.0.1:" + proxy.port() + "/postgres",
                "spring.datasource.hikari.connection-timeout=1500")) {
      Api admin = Api.admin(Hosts.httpPort(host));
      Api acme = admin.newOrganization("acme");

      proxy.cut();
      Api.Response refused = admin.post("/api/orgs/acme/events", EVENT);
      Api.Response keyUnchecked = acme.post("/api/orgs/acme/events", EVENT);

      assertThat(refused.status()).isEqualTo(503);
      assertThat(refused.contentType()).isEqualTo("application/problem+json");
      assertThat(refused.body().get("detail").asString())
          .isEqualTo("the database is unavailable: nothing was changed; try again");
      assertThat(refused.body().toString()).doesNotContain("SQL").doesNotContain("jdbc").doesNotContain("Exception");
      assertThat(keyUnchecked.status()).isEqualTo(503);
      assertThat(keyUnchecked.body().get("detail").asString()).isEqualTo("the token cannot be checked now; try again");

      proxy.restore();
      // A client publishes the same event again until it is accepted (the pool reconnects).
      Eventually.await(() -> acme.post("/api/orgs/acme/events", EVENT).status(), s -> s == 202, Duration.ofSeconds(30));
      assertThat(db.dsl.fetchCount(DOMAIN_EVENTS, DOMAIN_EVENTS.EXTERNAL_ID.eq("evt-outage"))).isEqualTo(1);
    }
  }
}
