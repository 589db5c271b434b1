package io.workerplatform.host.webhooks;

import io.workerplatform.outbox.Outbox;
import static io.workerplatform.db.Tables.WEBHOOK_SUBSCRIPTIONS;
import static org.assertj.core.api.Assertions.assertThat;

import io.workerplatform.host.relay.StartRelay;
import io.workerplatform.host.support.Api;
import io.workerplatform.host.support.Eventually;
import io.workerplatform.host.support.HostTest;
import io.workerplatform.starters.WebhookDeliveries;
import io.workerplatform.webhooks.DeliveryStatus;
import io.workerplatform.webhooks.StandardWebhooksVerifier;
import io.workerplatform.events.EventStore;
import io.workerplatform.webhooks.WebhookReceiver;
import io.workerplatform.webhooks.SubscriptionStore;
import io.workerplatform.webhooks.WebhookStore;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The worker host booted in embedded mode against the local PostgreSQL, driven through its REST
 * API and the starters facade; webhooks land on a real loopback receiver.
 */
@HostTest
class WebhookEndToEndTest {
  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    registry.add("platform.relay.interval", () -> "1h");
    registry.add("platform.relay.grace", () -> "0s");
  }

  @LocalServerPort int port;
  @Autowired DSLContext dsl;
  @Autowired WebhookDeliveries deliveries;
  @Autowired WebhookStore store;
  @Autowired EventStore events;
  @Autowired SubscriptionStore subscriptions;
  @Autowired StartRelay relay;
  @Autowired Outbox outbox;

  private Api admin;
  private Api api;
  private final WebhookReceiver receiver = new WebhookReceiver();
  private String orgId;

  private EventStore.StoredEvent storeOnly(String eventId) {
    return events.store(new EventStore.NewEvent(orgId, eventId, "petition.completed", "{}", null, null, null, null));
  }

  @BeforeEach
  void createOrganization() {
    admin = Api.admin(port);
    orgId = "org-" + System.nanoTime();
    api = admin.newOrganization(orgId);
  }

  @AfterEach
  void stopReceiver() {
    receiver.close();
  }

  private JsonNode subscribe(String path, String... eventTypes) {
    String types = String.join("\",\"", eventTypes);
    Api.Response response =
        api.post(
            "/api/orgs/" + orgId + "/webhook-subscriptions",
            "{\"url\":\"" + receiver.url(path) + "\",\"eventTypes\":[\"" + types + "\"]}");
    assertThat(response.status()).isEqualTo(201);
    return response.body();
  }

  private JsonNode awaitDelivery(String deliveryId, String status) {
    return Eventually.await(
        () -> api.get("/api/orgs/" + orgId + "/webhook-deliveries/" + deliveryId).body(),
        body -> status.equals(body.path("status").asString()),
        Duration.ofSeconds(20));
  }

  @Test
  void aPublishedEventReachesTheReceiverSignedAndIsRecorded() {
    JsonNode subscription = subscribe("/hooks", "petition.completed");
    assertThat(subscription.get("secret").asString()).startsWith("whsec_");

    Api.Response published =
        api.post(
            "/api/orgs/" + orgId + "/events",
            "{\"type\":\"petition.completed\",\"data\":{\"petitionId\":\"pet_42\"}}");

    assertThat(published.status()).isEqualTo(202);
    String eventId = published.body().get("eventId").asString();
    String deliveryId = published.body().get("deliveryIds").get(0).asString();
    JsonNode delivered = awaitDelivery(deliveryId, "DELIVERED");
    assertThat(delivered.get("attempts")).hasSize(1);
    assertThat(delivered.get("attempts").get(0).get("number").asInt()).isEqualTo(1);
    assertThat(delivered.get("attempts").get(0).get("statusCode").asInt()).isEqualTo(200);
    assertThat(delivered.get("nextAttemptAt").isNull()).isTrue();

    assertThat(receiver.received).hasSize(1);
    WebhookReceiver.Received request = receiver.received.get(0);
    assertThat(request.path()).isEqualTo("/hooks");
    assertThat(request.header("webhook-id")).isEqualTo(deliveryId);
    assertThat(request.header("webhook-signature"))
        .isEqualTo(
            StandardWebhooksVerifier.expectedSignature(
                subscription.get("secret").asString(),
                deliveryId,
                Long.parseLong(request.header("webhook-timestamp")),
                request.body().getBytes(StandardCharsets.UTF_8)));
    assertThat(request.body())
        .contains("\"id\":\"" + eventId + "\"")
        .contains("\"type\":\"petition.completed\"")
        .contains("\"petitionId\":\"pet_42\"");
    // Delivered at the first attempt, by the event's own workflow: no delivery workflow was needed.
    assertThat(deliveries.status(deliveryId)).isEmpty();
  }

  @Test
  void cancelWaitingEndsTheSubscriptionsWaitingDeliveriesAndRecordsWhy() {
    receiver.answer(500);
    String subscriptionId = subscribe("/down", "contact.created").get("id").asString();
    String first = api.post("/api/orgs/" + orgId + "/events", "{\"type\":\"contact.created\",\"data\":{}}")
        .body().get("deliveryIds").get(0).asString();
    String second = api.post("/api/orgs/" + orgId + "/events", "{\"type\":\"contact.created\",\"data\":{}}")
        .body().get("deliveryIds").get(0).asString();
    awaitDelivery(first, "WAITING");
    awaitDelivery(second, "WAITING");

    Api.Response started =
        api.post("/api/orgs/" + orgId + "/webhook-subscriptions/" + subscriptionId + "/cancel-waiting", "");

    assertThat(started.status()).isEqualTo(202);
    assertThat(started.body().get("total").asLong()).isEqualTo(2);
    String actionId = started.body().get("id").asString();
    JsonNode done =
        Eventually.await(
            () -> api.get("/api/orgs/" + orgId + "/webhook-bulk-actions/" + actionId).body(),
            action -> "COMPLETED".equals(action.get("status").asString()),
            Duration.ofSeconds(20));
    assertThat(done.get("applied").asLong()).isEqualTo(2);
    for (String id : List.of(first, second)) {
      JsonNode cancelled = awaitDelivery(id, "CANCELLED");
      assertThat(cancelled.get("lastError").asString()).isEqualTo("cancelled by an operator (bulk action)");
      assertThat(cancelled.get("attempts")).hasSize(1);
    }
    assertThat(receiver.received).hasSize(2);
  }

  @Test
  void aFailingReceiverLeavesTheDeliveryWaitingUntilRedelivered() {
    receiver.answer(500);
    subscribe("/down", "contact.created");

    Api.Response published =
        api.post("/api/orgs/" + orgId + "/events", "{\"type\":\"contact.created\",\"data\":{}}");
    String deliveryId = published.body().get("deliveryIds").get(0).asString();

    JsonNode waiting = awaitDelivery(deliveryId, "WAITING");
    assertThat(waiting.get("attempts")).hasSize(1);
    assertThat(waiting.get("attempts").get(0).get("statusCode").asInt()).isEqualTo(500);
    assertThat(waiting.get("lastError").asString()).isEqualTo("HTTP 500");
    Instant attemptedAt = Instant.parse(waiting.get("attempts").get(0).get("startedAt").asString());
    Instant nextAttemptAt = Instant.parse(waiting.get("nextAttemptAt").asString());
    assertThat(Duration.between(attemptedAt, nextAttemptAt))
        .isBetween(Duration.ofSeconds(59), Duration.ofSeconds(62));
    DeliveryStatus live =
        Eventually.await(
            () -> deliveries.status(deliveryId).orElseThrow(),
            s -> s.status().equals("WAITING"),
            Duration.ofSeconds(5));
    assertThat(live.attempts()).isEqualTo(1);
    assertThat(live.nextAttemptAt()).isNotNull();

    receiver.answer(204);
    assertThat(api.post("/api/orgs/" + orgId + "/webhook-deliveries/" + deliveryId + "/redeliver", "").status())
        .isEqualTo(202);

    JsonNode delivered = awaitDelivery(deliveryId, "DELIVERED");
    assertThat(delivered.get("attempts")).hasSize(2);
    assertThat(delivered.get("attempts").get(1).get("statusCode").asInt()).isEqualTo(204);
    assertThat(receiver.received).hasSize(2);
  }

  @Test
  void publishingTheSameEventIdAgainCreatesNothingNew() {
    subscribe("/once", "petition.completed");
    String body = "{\"id\":\"evt-" + orgId + "\",\"type\":\"petition.completed\",\"data\":{}}";

    Api.Response first = api.post("/api/orgs/" + orgId + "/events", body);
    awaitDelivery(first.body().get("deliveryIds").get(0).asString(), "DELIVERED");
    Api.Response second = api.post("/api/orgs/" + orgId + "/events", body);

    assertThat(second.status()).isEqualTo(202);
    assertThat(second.body().get("eventId")).isEqualTo(first.body().get("eventId"));
    assertThat(second.body().get("deliveryIds")).isEqualTo(first.body().get("deliveryIds"));
    assertThat(second.body().get("status").asString()).isEqualTo("PROCESSED");
    assertThat(first.body().get("eventId").asString()).isEqualTo("evt-" + orgId);
    assertThat(receiver.received).hasSize(1);
  }

  @Test
  void eventsLeftUnstartedAreStartedByRepublishingOrByTheRelay() {
    subscribe("/late", "petition.completed");
    // As after a publish that stored the event and then found Temporal unreachable.
    String republished = storeOnly("evt-a-" + orgId).deliveryIds().get(0);
    EventStore.StoredEvent relayedEvent = storeOnly("evt-b-" + orgId);
    String relayed = relayedEvent.deliveryIds().get(0);
    assertThat(deliveries.status(republished)).isEmpty();

    Api.Response again =
        api.post(
            "/api/orgs/" + orgId + "/events",
            "{\"id\":\"evt-a-" + orgId + "\",\"type\":\"petition.completed\"}");
    relay.relay();

    // The relay marks what it started at once: its next round does not start it again.
    assertThat(outbox.unstarted(EventStore.OUTBOX, Duration.ZERO, 1000))
        .extracting(r -> r.get(EventStore.OUTBOX.id()))
        .doesNotContain(relayedEvent.id());
    assertThat(again.status()).isEqualTo(202);
    awaitDelivery(republished, "DELIVERED");
    awaitDelivery(relayed, "DELIVERED");
    assertThat(receiver.received).hasSize(2);
  }

  @Test
  void subscriptionsAreListedChangedAndRotatedWithTwoSignaturesDuringTheOverlap() {
    String first = subscribe("/one", "petition.completed").get("id").asString();
    JsonNode second = subscribe("/two", "contact.created");
    String subscriptions = "/api/orgs/" + orgId + "/webhook-subscriptions";

    JsonNode page1 = api.get(subscriptions + "?limit=1").body();
    assertThat(page1.get("items")).hasSize(1);
    assertThat(page1.get("items").get(0).get("id").asString()).isEqualTo(second.get("id").asString());
    JsonNode page2 = api.get(subscriptions + "?limit=1&cursor=" + page1.get("nextCursor").asString()).body();
    assertThat(page2.get("items").get(0).get("id").asString()).isEqualTo(first);
    assertThat(page2.get("nextCursor").isNull()).isTrue();
    assertThat(page1.toString() + page2).doesNotContain("secret").doesNotContain("whsec_");
    assertProblem(api.get(subscriptions + "?limit=501"), 400, "limit");
    assertProblem(api.get(subscriptions + "?cursor=garbage"), 400, "cursor");

    Api.Response changed = api.patch(subscriptions + "/" + first,
        "{\"url\":\"" + receiver.url("/moved") + "\",\"eventTypes\":[\"petition.completed\",\"x.y\"],\"enabled\":true}");
    assertThat(changed.status()).isEqualTo(200);
    assertThat(changed.body().get("url").asString()).endsWith("/moved");
    assertThat(changed.body().get("eventTypes").toString()).isEqualTo("[\"petition.completed\",\"x.y\"]");
    assertThat(api.get(subscriptions + "/" + first).body().get("url").asString()).endsWith("/moved");
    assertProblem(api.patch(subscriptions + "/" + first, "{}"), 400, "url");
    assertProblem(api.patch(subscriptions + "/" + first, "{\"eventTypes\":[\"Bad Type\"]}"), 400, "eventTypes[0]");
    assertProblem(api.patch(subscriptions + "/" + first, "{\"url\":\"ftp://x\"}"), 400, "url");

    String oldSecret = subscriptionSecret(first);
    Api.Response rotated = api.post(subscriptions + "/" + first + "/rotate-secret", "");
    assertThat(rotated.status()).isEqualTo(200);
    String newSecret = rotated.body().get("secret").asString();
    assertThat(newSecret).startsWith("whsec_").isNotEqualTo(oldSecret);

    WebhookReceiver.Received during = publishAndReceive("/moved");
    String header = during.header("webhook-signature");
    assertThat(header.split(" ")).hasSize(2);
    assertThat(verifies(header, newSecret, during)).isTrue();
    assertThat(verifies(header, oldSecret, during)).isTrue();

    // the overlap ends: only the new secret signs
    dsl.update(WEBHOOK_SUBSCRIPTIONS).set(WEBHOOK_SUBSCRIPTIONS.PREVIOUS_SECRET_UNTIL, OffsetDateTime.now().minusSeconds(1))
        .where(WEBHOOK_SUBSCRIPTIONS.ID.eq(first)).execute();
    WebhookReceiver.Received after = publishAndReceive("/moved");
    assertThat(after.header("webhook-signature").split(" ")).hasSize(1);
    assertThat(verifies(after.header("webhook-signature"), newSecret, after)).isTrue();
    assertThat(verifies(after.header("webhook-signature"), oldSecret, after)).isFalse();
  }

  @Test
  void deletingASubscriptionCancelsItsWaitingDeliveriesAndStopsNewOnes() {
    receiver.answer(500);
    String id = subscribe("/deleted", "petition.completed").get("id").asString();
    String deliveryId = api.post("/api/orgs/" + orgId + "/events", "{\"type\":\"petition.completed\"}")
        .body().get("deliveryIds").get(0).asString();
    awaitDelivery(deliveryId, "WAITING");
    String subscription = "/api/orgs/" + orgId + "/webhook-subscriptions/" + id;

    assertThat(api.delete(subscription).status()).isEqualTo(204);

    JsonNode cancelled = awaitDelivery(deliveryId, "CANCELLED");
    assertThat(cancelled.get("attempts")).hasSize(1);
    assertThat(cancelled.get("nextAttemptAt").isNull()).isTrue();
    // the row is written (by the workflow's last activity) a moment before the workflow's own state
    Eventually.await(
        () -> deliveries.status(deliveryId).map(DeliveryStatus::status).orElse(null),
        "CANCELLED"::equals,
        Duration.ofSeconds(10));
    assertProblem(api.get(subscription), 404, null);
    assertProblem(api.delete(subscription), 404, null);
    assertProblem(api.post(subscription + "/rotate-secret", ""), 404, null);
    assertThat(api.get("/api/orgs/" + orgId + "/webhook-subscriptions").body().get("items")).isEmpty();
    assertThat(api.post("/api/orgs/" + orgId + "/events", "{\"type\":\"petition.completed\"}").body().get("deliveryIds")).isEmpty();
    assertProblem(api.post("/api/orgs/" + orgId + "/webhook-deliveries/" + deliveryId + "/redeliver", ""), 409, "id");
    assertThat(receiver.received).hasSize(1);
  }

  private String subscriptionSecret(String subscriptionId) {
    return subscriptions.find(subscriptionId).orElseThrow().secret();
  }

  private WebhookReceiver.Received publishAndReceive(String path) {
    int before = receiver.received.size();
    String deliveryId = api.post("/api/orgs/" + orgId + "/events", "{\"type\":\"petition.completed\"}")
        .body().get("deliveryIds").get(0).asString();
    awaitDelivery(deliveryId, "DELIVERED");
    WebhookReceiver.Received received = receiver.received.get(before);
    assertThat(received.path()).isEqualTo(path);
    return received;
  }

  private static boolean verifies(String header, String secret, WebhookReceiver.Received request) {
    return StandardWebhooksVerifier.verifies(header, secret, request.header("webhook-id"),
        Long.parseLong(request.header("webhook-timestamp")), request.body().getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void badInputIsRefusedNamingTheField() {
    String subscriptions = "/api/orgs/" + orgId + "/webhook-subscriptions";
    assertProblem(api.post(subscriptions, "{\"url\":\"ftp://x\",\"eventTypes\":[\"a.b\"]}"), 400, "url");
    assertProblem(api.post(subscriptions, "{\"eventTypes\":[\"a.b\"]}"), 400, "url");
    assertProblem(
        api.post(subscriptions, "{\"url\":\"" + receiver.url("/") + "\",\"eventTypes\":[]}"), 400, "eventTypes");
    assertProblem(
        api.post(subscriptions, "{\"url\":\"" + receiver.url("/") + "\",\"eventTypes\":[\"ok\",\"Bad Type\"]}"),
        400,
        "eventTypes[1]");
    assertProblem(
        api.post(subscriptions, "{\"url\":\"" + receiver.url("/") + "\",\"eventTypes\":\"a.b\"}"), 400, "eventTypes");
    String events = "/api/orgs/" + orgId + "/events";
    assertProblem(api.post(events, "{\"data\":{}}"), 400, "type");
    assertProblem(api.post(events, "{\"type\":\"petition.completed\",\"data\":[1]}"), 400, "data");
    assertProblem(api.post(events, "{\"id\":\"has space\",\"type\":\"petition.completed\"}"), 400, "id");
    assertProblem(api.post(events, "{\"type\":\"no.such-type\"}"), 400, "type");
    assertProblem(api.post(events, "{\"type\":\"petition.completed\",\"data\":{\"petitionId\":5}}"), 400, "data.petitionId");
    assertProblem(
        api.post(events, "{\"type\":\"signature.completed\",\"data\":{\"signatureRequestId\":\"sr_1\"}}"), 400, "data.state");
    assertProblem(api.post(events, "{\"type\":\"petition.completed\",\"delay\":\"10 minutes\"}"), 400, "delay");
    assertProblem(api.post(events, "{\"type\":\"petition.completed\",\"delay\":\"PT1M\",\"processAt\":\"2030-01-01T00:00:00Z\"}"), 400, "delay");
    assertProblem(api.post(events, "{\"type\":\"petition.completed\",\"processAt\":\"2099-01-01T00:00:00Z\"}"), 400, "processAt");
    assertProblem(api.post(events, "{\"type\":\"petition.completed\",\"orderingKey\":\"a b\"}"), 400, "orderingKey");
    assertThat(api.get(events + "?status=DONE").status()).isEqualTo(400);
    assertProblem(api.post(events, "{\"type\":"), 400, null);
    assertProblem(admin.post("/api/orgs", "{\"id\":\"" + orgId + "\",\"name\":\"Again\"}"), 409, "id");
    assertProblem(admin.post("/api/orgs", "{\"id\":\"x\"}"), 400, "name");
    assertProblem(admin.post("/api/orgs/missing-org/events", "{\"type\":\"petition.completed\"}"), 404, null);
    assertProblem(
        admin.post(
            "/api/orgs/missing-org/webhook-subscriptions",
            "{\"url\":\"" + receiver.url("/") + "\",\"eventTypes\":[\"a.b\"]}"),
        404,
        null);
    assertProblem(api.get("/api/orgs/" + orgId + "/webhook-deliveries/dlv_missing"), 404, null);
    assertProblem(api.post("/api/orgs/" + orgId + "/webhook-deliveries/dlv_missing/redeliver", ""), 404, null);
    assertThat(receiver.received).isEmpty();
  }

  private static void assertProblem(Api.Response response, int status, String field) {
    response.assertProblem(status, field);
  }

}
