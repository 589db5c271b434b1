package io.workerplatform.host.webhook;

import static io.workerplatform.db.Tables.DOMAIN_EVENTS;
import static io.workerplatform.db.Tables.WEBHOOK_DELIVERIES;
import static org.assertj.core.api.Assertions.assertThat;

import io.workerplatform.common.TestDatabase;
import io.workerplatform.host.support.Api;
import io.workerplatform.host.support.FreePort;
import io.workerplatform.host.support.Hosts;
import io.workerplatform.webhook.WebhookReceiver;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Remote mode with nothing listening at the Temporal address: the event is kept, and the API says
 * so with 202 and {@code WAITING_TO_START} (a committed creation never answers "try again").
 */
class TemporalUnreachableTest {
  private static final TestDatabase db = TestDatabase.create("e2e_unreachable");

  @AfterAll
  static void dropSchema() throws Exception {
    db.close();
  }

  @Test
  void publishingStoresTheEventAndAnswers202WaitingToStart() {
    int deadPort = FreePort.find();
    try (WebhookReceiver receiver = new WebhookReceiver();
        ConfigurableApplicationContext host =
            Hosts.start(
                db.schema,
                "spring.temporal.connection.target=127.0.0.1:" + deadPort,
                "platform.temporal.rpc-retry-expiration=1s",
                "platform.webhooks.allow-private-addresses=true",
                // An API-only process: it starts while Temporal is down.
                "platform.workers.task-queues=")) {
      Api admin = Api.admin(Hosts.httpPort(host));
      Api api = admin.newOrganization("acme");
      api.post(
          "/api/orgs/acme/webhook-subscriptions",
          "{\"url\":\"" + receiver.url("/h") + "\",\"eventTypes\":[\"petition.completed\"]}");

      Api.Response response =
          api.post("/api/orgs/acme/events", "{\"id\":\"evt-kept\",\"type\":\"petition.completed\"}");

      assertThat(response.status()).isEqualTo(202);
      assertThat(response.body().get("eventId").asString()).isEqualTo("evt-kept");
      assertThat(response.body().get("start").asString()).isEqualTo("WAITING_TO_START");
      assertThat(db.dsl.fetchCount(DOMAIN_EVENTS, DOMAIN_EVENTS.EXTERNAL_ID.eq("evt-kept"))).isEqualTo(1);
      assertThat(
              db.dsl.fetchCount(
                  WEBHOOK_DELIVERIES,
                  WEBHOOK_DELIVERIES.EVENT_ID.in(
                      DSL.select(DOMAIN_EVENTS.ID).from(DOMAIN_EVENTS).where(DOMAIN_EVENTS.EXTERNAL_ID.eq("evt-kept"))),
                  WEBHOOK_DELIVERIES.WORKFLOW_STARTED_AT.isNull()))
          .isEqualTo(1);
      Api.Response health = admin.get("/actuator/health");
      assertThat(health.status()).isEqualTo(503);
      assertThat(health.body().at("/components/temporal/status").asString()).isEqualTo("DOWN");
      assertThat(health.body().at("/components/db/status").asString()).isEqualTo("UP");
      assertThat(receiver.received).isEmpty();
    }
  }
}
