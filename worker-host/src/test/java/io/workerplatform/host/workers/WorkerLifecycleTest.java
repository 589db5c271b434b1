package io.workerplatform.host.workers;

import static io.workerplatform.db.Tables.WEBHOOK_ATTEMPTS;
import static io.workerplatform.db.Tables.DOMAIN_EVENTS;
import static io.workerplatform.db.Tables.WEBHOOK_DELIVERIES;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.workerplatform.common.TestDatabase;
import io.workerplatform.host.support.Api;
import io.workerplatform.host.support.Eventually;
import io.workerplatform.host.support.FreePort;
import io.workerplatform.host.support.Hosts;
import io.workerplatform.webhooks.WebhookReceiver;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

class WorkerLifecycleTest {
  private static final TestDatabase db = TestDatabase.create("e2e_lifecycle");

  @AfterAll
  static void dropSchema() throws Exception {
    db.close();
  }

  private static String publish(Api admin, String org, String receiverUrl) {
    Api api = admin.newOrganization(org);
    api.post(
        "/api/orgs/" + org + "/webhook-subscriptions",
        "{\"url\":\"" + receiverUrl + "\",\"eventTypes\":[\"petition.completed\"]}");
    return api.post("/api/orgs/" + org + "/events", "{\"type\":\"petition.completed\"}")
        .body()
        .get("deliveryIds")
        .get(0)
        .asString();
  }

  @Test
  void stoppingLetsTheInFlightAttemptFinishAndRecordIt() {
    try (WebhookReceiver slowReceiver = new WebhookReceiver().delay(2_000)) {
      ConfigurableApplicationContext host =
          Hosts.start(db.schema, "platform.temporal.embedded.port=" + FreePort.find());
      String deliveryId = publish(Api.admin(Hosts.httpPort(host)), "drain", slowReceiver.url("/slow"));
      Eventually.await(() -> slowReceiver.received.size(), n -> n == 1, Duration.ofSeconds(10));

      long start = System.nanoTime();
      host.close(); // what SIGTERM does
      Duration stopping = Duration.ofNanos(System.nanoTime() - start);

      // The attempt was in flight when the stop began; it completed and was recorded.
      assertThat(
              db.dsl.fetchCount(
                  WEBHOOK_ATTEMPTS,
                  WEBHOOK_ATTEMPTS.DELIVERY_ID.eq(deliveryId),
                  WEBHOOK_ATTEMPTS.STATUS_CODE.eq(200)))
          .isEqualTo(1);
      assertThat(
              db.dsl.fetchValue(
                  WEBHOOK_DELIVERIES.STATUS, WEBHOOK_DELIVERIES.ID.eq(deliveryId)))
          .isEqualTo("DELIVERED");
      assertThat(stopping).isGreaterThan(Duration.ofMillis(500));
    }
  }

  @Test
  void aProcessServesOnlyItsTaskQueues() throws InterruptedException {
    try (WebhookReceiver receiver = new WebhookReceiver();
        ConfigurableApplicationContext host =
            Hosts.start(
                db.schema,
                "platform.temporal.embedded.port=" + FreePort.find(),
                "platform.workers.task-queues=email,cron")) {
      String deliveryId = publish(Api.admin(Hosts.httpPort(host)), "queues", receiver.url("/q"));

      Thread.sleep(1_500);

      // Its event's processing started in Temporal, but nobody here polls the events queue.
      assertThat(
              db.dsl.fetchValue(
                  DOMAIN_EVENTS.WORKFLOW_STARTED_AT,
                  DOMAIN_EVENTS.ID.eq(
                      db.dsl.select(WEBHOOK_DELIVERIES.EVENT_ID).from(WEBHOOK_DELIVERIES).where(WEBHOOK_DELIVERIES.ID.eq(deliveryId)))))
          .isNotNull();
      assertThat(db.dsl.fetchValue(WEBHOOK_DELIVERIES.STATUS, WEBHOOK_DELIVERIES.ID.eq(deliveryId)))
          .isEqualTo("PENDING");
      assertThat(receiver.received).isEmpty();
    }
  }

  @Test
  void anUnknownQueueStopsTheStartWithItsName() {
    assertThatThrownBy(
            () ->
                Hosts.start(
                    db.schema,
                    "platform.temporal.embedded.port=" + FreePort.find(),
                    "platform.workers.task-queues=webhooks,webhookz"))
        .hasStackTraceContaining("platform.workers.task-queues: unknown queue(s) [webhookz]");
  }
}
