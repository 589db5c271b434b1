package io.workerplatform.host.db;

import static io.workerplatform.db.Tables.EMAIL_MESSAGES;
import static io.workerplatform.db.Tables.WEBHOOK_DELIVERIES;
import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.api.enums.v1.EventType;
import io.temporal.client.WorkflowClient;
import io.workerplatform.email.SesLocalServer;
import io.workerplatform.host.support.Api;
import io.workerplatform.host.support.Eventually;
import io.workerplatform.host.support.HostTest;
import io.workerplatform.host.support.LocalSes;
import io.workerplatform.webhooks.WebhookReceiver;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The host on a pool of 3 connections running, all at once, a bulk send of 200, an export of the
 * organization (which holds a connection for its streaming read) and 200 webhook attempts: every
 * bulk-send batch runs once (a batch keeps heartbeating while it waits for a connection), no
 * message is in doubt, the export completes and every delivery is delivered.
 */
@HostTest
class SmallPoolEndToEndTest {
  private static final SesLocalServer ses = SesLocalServer.start();
  private static final WebhookReceiver receiver = new WebhookReceiver();

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    LocalSes.register(registry, ses);
    registry.add("platform.email.max-per-second", () -> 1000);
    registry.add("platform.email.allow-list", () -> "*@example.com");
    registry.add("platform.bulk-send.page-size", () -> 20);
    registry.add("spring.datasource.hikari.maximum-pool-size", () -> 3);
  }

  @LocalServerPort int port;
  @Autowired DSLContext dsl;
  @Autowired WorkflowClient temporal;

  @AfterAll
  static void stop() throws Exception {
    ses.close();
    receiver.close();
  }

  @Test
  void aBulkSendAnExportAndTwoHundredWebhookAttemptsShareThreeConnectionsWithoutASecondBatchAttempt() throws Exception {
    String orgId = "org-" + System.nanoTime();
    Api api = Api.admin(port).newOrganization(orgId);
    String tag = orgId.substring(4);
    String contacts = IntStream.range(0, 200)
        .mapToObj(i -> "{\"email\":\"p" + i + "-" + tag + "@example.com\"}")
        .collect(Collectors.joining(",", "{\"contacts\":[", "]}"));
    assertThat(api.post("/api/orgs/" + orgId + "/contacts", contacts).status()).isEqualTo(201);
    String petitionId = api.post("/api/orgs/" + orgId + "/petitions", "{\"title\":\"Pool\"}").body().get("id").asString();
    assertThat(api.post("/api/orgs/" + orgId + "/webhook-subscriptions",
        "{\"url\":\"" + receiver.url("/pool-" + tag) + "\",\"eventTypes\":[\"contact.created\"]}").status()).isEqualTo(201);

    String bulkSendId;
    String exportId;
    try (ExecutorService publishers = Executors.newFixedThreadPool(8)) {
      for (int i = 0; i < 200; i++) {
        String body = "{\"id\":\"pool-" + i + "\",\"type\":\"contact.created\",\"data\":{}}";
        publishers.submit(() -> assertThat(api.post("/api/orgs/" + orgId + "/events", body).status()).isLessThan(300));
      }
      exportId = api.post("/api/orgs/" + orgId + "/exports", "{}").body().get("id").asString();
      bulkSendId = api.post("/api/orgs/" + orgId + "/bulk-sends",
              "{\"petitionId\":\"" + petitionId + "\",\"template\":\"petition-invite\",\"allContacts\":true}")
          .body().get("id").asString();
    }

    Eventually.await(() -> api.get("/api/orgs/" + orgId + "/bulk-sends/" + bulkSendId).body().path("status").asString(),
        "COMPLETED"::equals, Duration.ofMinutes(3));
    Eventually.await(() -> api.get("/api/orgs/" + orgId + "/exports/" + exportId).body().path("status").asString(),
        "COMPLETED"::equals, Duration.ofMinutes(3));
    Eventually.await(() -> dsl.fetchCount(WEBHOOK_DELIVERIES,
            WEBHOOK_DELIVERIES.ORG_ID.eq(orgId).and(WEBHOOK_DELIVERIES.STATUS.eq("DELIVERED"))),
        n -> n == 200, Duration.ofMinutes(3));

    List<Integer> attempts = temporal.fetchHistory("bulk-send/" + bulkSendId).getEvents().stream()
        .filter(e -> e.getEventType() == EventType.EVENT_TYPE_ACTIVITY_TASK_STARTED)
        .map(e -> e.getActivityTaskStartedEventAttributes().getAttempt())
        .toList();
    assertThat(attempts).hasSizeGreaterThanOrEqualTo(10).containsOnly(1); // 10 batches of 20, and the steps
    assertThat(dsl.select(EMAIL_MESSAGES.SEND_ATTEMPTS, EMAIL_MESSAGES.IN_DOUBT).from(EMAIL_MESSAGES)
            .where(EMAIL_MESSAGES.BULK_SEND_ID.eq(bulkSendId)).fetch(r -> r.value1() + " " + r.value2()))
        .hasSize(200)
        .containsOnly("1 false");
    assertThat(ses.emails().stream().filter(e -> e.to().get(0).endsWith("-" + tag + "@example.com")).count()).isEqualTo(200);
    assertThat(receiver.received.stream().filter(r -> r.path().equals("/pool-" + tag)).map(r -> r.header("webhook-id")).distinct().count())
        .isEqualTo(200);
  }
}
