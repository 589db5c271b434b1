package io.workerplatform.host.webhooks;

import static io.workerplatform.db.Tables.BULK_SENDS;
import static io.workerplatform.db.Tables.DOMAIN_EVENTS;
import static io.workerplatform.db.Tables.WEBHOOK_DELIVERIES;
import static org.assertj.core.api.Assertions.assertThat;

import io.workerplatform.common.TestDatabase;
import io.workerplatform.host.support.Api;
import io.workerplatform.host.support.FreePort;
import io.workerplatform.host.support.Hosts;
import io.workerplatform.webhooks.WebhookReceiver;
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

  @Test
  void aBulkSendStoredWhileTemporalIsUnreachableCanBeCancelledBeforeTheRelayStartsIt() {
    int deadPort = FreePort.find();
    try (ConfigurableApplicationContext host =
        Hosts.start(
            db.schema,
            "spring.temporal.connection.target=127.0.0.1:" + deadPort,
            "platform.temporal.rpc-retry-expiration=1s",
            "platform.workers.task-queues=")) {
      Api admin = Api.admin(Hosts.httpPort(host));
      Api api = admin.newOrganization("globex");
      admin.put("/api/orgs/globex/limits", "{\"bulkSendRecipients\":10}");
      api.post("/api/orgs/globex/contacts", "{\"contacts\":[{\"email\":\"a@example.com\"},{\"email\":\"b@example.com\"}]}");
      String petitionId = api.post("/api/orgs/globex/petitions", "{\"title\":\"P\"}").body().get("id").asString();

      Api.Response created =
          api.post(
              "/api/orgs/globex/bulk-sends",
              "{\"petitionId\":\"" + petitionId + "\",\"template\":\"petition-invite\",\"allContacts\":true,"
                  + "\"delay\":\"PT1H\"}");
      assertThat(created.status()).isEqualTo(202);
      assertThat(created.body().get("start").asString()).isEqualTo("WAITING_TO_START");
      String id = created.body().get("id").asString();
      assertThat(api.get("/api/orgs/globex/usage").body().at("/bulkSendRecipients/used").asInt()).isEqualTo(2);

      Api.Response cancelled = api.post("/api/orgs/globex/bulk-sends/" + id + "/cancel", "");

      assertThat(cancelled.status()).isEqualTo(202);
      assertThat(api.get("/api/orgs/globex/bulk-sends/" + id).body().get("status").asString()).isEqualTo("CANCELLED");
      assertThat(api.get("/api/orgs/globex/usage").body().at("/bulkSendRecipients/used").asInt()).isZero();
      assertThat(db.dsl.fetchValue(
              DSL.select(BULK_SENDS.FINISHED_AT.isNotNull()).from(BULK_SENDS).where(BULK_SENDS.ID.eq(id))))
          .isTrue();
      api.post("/api/orgs/globex/bulk-sends/" + id + "/cancel", "").assertProblem(409, "id");
    }
  }
}
