package io.workerplatform.host.work;

import static org.assertj.core.api.Assertions.assertThat;

import io.workerplatform.host.support.Api;
import io.workerplatform.host.support.Eventually;
import io.workerplatform.host.support.HostTest;
import io.workerplatform.host.support.Prometheus;
import io.workerplatform.webhooks.WebhookReceiver;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/** The lists behind the queue stats and the counts by status, through the REST API. */
@HostTest
class WorkViewsEndToEndTest {
  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    // one retry a second later, then FAILED: a dead letter within the test
    registry.add("platform.webhooks.retry-delays", () -> "1s");
    registry.add("platform.metrics.work-stats-interval", () -> "1s");
  }

  @LocalServerPort int port;

  private final WebhookReceiver healthy = new WebhookReceiver();
  private final WebhookReceiver failing = new WebhookReceiver().answer(500);

  @AfterEach
  void stopReceivers() {
    healthy.close();
    failing.close();
  }

  private static String subscribe(Api api, String orgId, WebhookReceiver receiver, String type) {
    return api.post(
            "/api/orgs/" + orgId + "/webhook-subscriptions",
            "{\"url\":\"" + receiver.url("/hooks") + "\",\"eventTypes\":[\"" + type + "\"]}")
        .body()
        .get("id")
        .asString();
  }

  private static String publish(Api api, String orgId, String type) {
    return api.post("/api/orgs/" + orgId + "/events", "{\"type\":\"" + type + "\",\"data\":{}}")
        .body()
        .get("deliveryIds")
        .get(0)
        .asString();
  }

  @Test
  void failedDeliveriesAreListedNewestFirstPagedAndCountedPerOrganization() {
    Api admin = Api.admin(port);
    String orgId = "org-views";
    Api api = admin.newOrganization(orgId);
    subscribe(api, orgId, healthy, "petition.completed");
    subscribe(api, orgId, failing, "contact.created");
    Instant before = Instant.now();
    String delivered = publish(api, orgId, "petition.completed");
    List<String> failed = new ArrayList<>();
    failed.add(publish(api, orgId, "contact.created"));
    failed.add(publish(api, orgId, "contact.created"));

    JsonNode stats =
        Eventually.await(
            () -> api.get("/api/orgs/" + orgId + "/stats").body(),
            s -> s.get("webhookDeliveries").get("FAILED").asLong() == 2
                && s.get("webhookDeliveries").get("DELIVERED").asLong() == 1,
            Duration.ofSeconds(30));
    assertThat(stats.get("webhookDeliveries").get("PENDING").asLong()).isZero();
    assertThat(stats.get("webhookDeliveries").get("WAITING").asLong()).isZero();
    assertThat(stats.get("bulkSends").get("RUNNING").asLong()).isZero();
    assertThat(stats.get("signatureRequests").get("AWAITING_SIGNATURES").asLong()).isZero();
    assertThat(stats.get("exports").get("FAILED").asLong()).isZero();
    assertThat(stats.get("erasures").get("COMPLETED").asLong()).isZero();
    // beside the counts by status: work waiting and running now, completed and failed by window
    JsonNode deliveries = stats.get("webhookDeliveries");
    assertThat(deliveries.get("waiting").asLong()).isZero();
    assertThat(deliveries.get("running").asLong()).isZero();
    assertThat(deliveries.get("completedLastHour").asLong()).isEqualTo(1);
    assertThat(deliveries.get("completedLastDay").asLong()).isEqualTo(1);
    assertThat(deliveries.get("failedLastHour").asLong()).isEqualTo(2);
    assertThat(deliveries.get("failedLastDay").asLong()).isEqualTo(2);
    // every capability's work, the email queue's included; cron runs belong to no organization
    assertThat(stats.propertyNames()).contains(
        "events", "webhookDeliveries", "bulkSends", "emailMessages", "signatureRequests", "exports", "erasures",
        "screenings", "imports", "complianceRuns", "sapSyncRuns").doesNotContain("cronRuns");
    JsonNode events = stats.get("events");
    assertThat(events.get("PROCESSED").asLong()).isEqualTo(3);
    assertThat(events.get("completedLastHour").asLong()).isEqualTo(3);

    String path = "/api/orgs/" + orgId + "/webhook-deliveries";
    JsonNode firstPage = api.get(path + "?status=FAILED&limit=1").body();
    assertThat(firstPage.get("items")).hasSize(1);
    JsonNode newest = firstPage.get("items").get(0);
    assertThat(newest.get("id").asString()).isEqualTo(failed.get(1));
    assertThat(newest.get("status").asString()).isEqualTo("FAILED");
    assertThat(newest.get("attempts").asInt()).isEqualTo(2);
    assertThat(newest.get("lastError").asString()).isEqualTo("HTTP 500");
    assertThat(newest.get("workflowId").asString()).isEqualTo("webhook-delivery/" + failed.get(1));
    String cursor = firstPage.get("nextCursor").asString();
    JsonNode secondPage = api.get(path + "?status=FAILED&limit=1&cursor=" + cursor).body();
    assertThat(secondPage.get("items").get(0).get("id").asString()).isEqualTo(failed.get(0));
    assertThat(secondPage.get("nextCursor").isNull()).isTrue();

    JsonNode all = api.get(path + "?since=" + encode(before.toString())).body();
    assertThat(all.get("items")).extracting(i -> i.get("id").asString()).containsExactly(failed.get(1), failed.get(0), delivered);
    assertThat(api.get(path + "?since=" + encode(Instant.now().plusSeconds(60).toString())).body().get("items")).isEmpty();
    assertThat(api.get(path + "?until=" + encode(before.toString())).body().get("items")).isEmpty();

    // across organizations, for the admin only
    JsonNode everywhere = admin.get("/api/stats").body();
    assertThat(everywhere.get("webhookDeliveries").get("FAILED").asLong()).isGreaterThanOrEqualTo(2);
    assertThat(everywhere.get("webhookDeliveries").get("failedLastHour").asLong()).isGreaterThanOrEqualTo(2);
    assertThat(everywhere.get("cronRuns").propertyNames())
        .containsExactly("RUNNING", "SUCCEEDED", "FAILED", "waiting", "running", "completedLastHour", "completedLastDay",
            "failedLastHour", "failedLastDay");
    assertThat(api.get("/api/stats").status()).isEqualTo(403);

    // the same as gauges, across organizations: platform_work{kind,stat}
    Prometheus scrape =
        Eventually.await(
            () -> Prometheus.parse(admin.getText("/actuator/prometheus").body()),
            p -> p.sum("platform_work", "kind", "webhookDeliveries", "stat", "failedLastHour") >= 2,
            Duration.ofSeconds(30));
    for (String kind : List.of("webhookDeliveries", "emailMessages", "cronRuns", "complianceRuns")) {
      for (String stat : List.of("waiting", "running", "completedLastHour", "completedLastDay", "failedLastHour", "failedLastDay")) {
        assertThat(scrape.has("platform_work", "kind", kind, "stat", stat)).as(kind + " " + stat).isTrue();
      }
    }
    assertThat(scrape.sum("platform_work", "kind", "webhookDeliveries", "stat", "completedLastHour")).isGreaterThanOrEqualTo(1);
  }

  @Test
  void redeliverFailedRestartsTheFailedDeliveriesOfThePeriodAsAWorkflowWithProgress() {
    Api admin = Api.admin(port);
    String orgId = "org-views-redeliver";
    Api api = admin.newOrganization(orgId);
    String subscriptionId = subscribe(api, orgId, failing, "contact.created");
    Instant before = Instant.now();
    List<String> failed = List.of(publish(api, orgId, "contact.created"), publish(api, orgId, "contact.created"));
    Eventually.await(
        () -> api.get("/api/orgs/" + orgId + "/stats").body().get("webhookDeliveries").get("FAILED").asLong(),
        count -> count == 2,
        Duration.ofSeconds(30));
    Instant after = Instant.now();
    String oldOne = publish(api, orgId, "contact.created"); // outside the period below
    Eventually.await(
        () -> api.get("/api/orgs/" + orgId + "/stats").body().get("webhookDeliveries").get("FAILED").asLong(),
        count -> count == 3,
        Duration.ofSeconds(30));
    failing.answer(200); // the receiver is fixed

    Api.Response started =
        api.post(
            "/api/orgs/" + orgId + "/webhook-subscriptions/" + subscriptionId + "/redeliver-failed",
            "{\"since\":\"" + before + "\",\"until\":\"" + after + "\"}");

    assertThat(started.status()).isEqualTo(202);
    String actionId = started.body().get("id").asString();
    assertThat(started.body().get("kind").asString()).isEqualTo("REDELIVER_FAILED");
    assertThat(started.body().get("total").asLong()).isEqualTo(2);
    assertThat(started.body().get("workflowId").asString()).isEqualTo("webhook-bulk-action/" + actionId);
    JsonNode done =
        Eventually.await(
            () -> api.get("/api/orgs/" + orgId + "/webhook-bulk-actions/" + actionId).body(),
            action -> "COMPLETED".equals(action.get("status").asString()),
            Duration.ofSeconds(30));
    assertThat(done.get("applied").asLong()).isEqualTo(2);
    assertThat(done.get("skipped").asLong()).isZero();
    for (String id : failed) {
      JsonNode delivery =
          Eventually.await(
              () -> api.get("/api/orgs/" + orgId + "/webhook-deliveries/" + id).body(),
              d -> "DELIVERED".equals(d.get("status").asString()),
              Duration.ofSeconds(30));
      assertThat(delivery.get("attempts")).hasSize(3);
    }
    assertThat(api.get("/api/orgs/" + orgId + "/webhook-deliveries/" + oldOne).body().get("status").asString())
        .isEqualTo("FAILED");

    // another organization reaches neither the subscription nor the action
    Api other = admin.newOrganization("org-views-redeliver-other");
    assertThat(other.post("/api/orgs/" + orgId + "/webhook-subscriptions/" + subscriptionId + "/redeliver-failed", "{}").status())
        .isEqualTo(404);
    assertThat(other.post("/api/orgs/" + orgId + "/webhook-subscriptions/" + subscriptionId + "/cancel-waiting", "").status())
        .isEqualTo(404);
    assertThat(other.get("/api/orgs/" + orgId + "/webhook-bulk-actions/" + actionId).status()).isEqualTo(404);
    assertThat(other.get("/api/orgs/org-views-redeliver-other/webhook-bulk-actions/" + actionId).status()).isEqualTo(404);
    Api.Response backwards =
        api.post(
            "/api/orgs/" + orgId + "/webhook-subscriptions/" + subscriptionId + "/redeliver-failed",
            "{\"since\":\"" + after + "\",\"until\":\"" + before + "\"}");
    assertThat(backwards.status()).isEqualTo(400);
    assertThat(backwards.body().get("field").asString()).isEqualTo("until");
  }

  @Test
  void badFiltersAreRefusedNamingTheField() {
    Api admin = Api.admin(port);
    String orgId = "org-views-filters";
    admin.newOrganization(orgId);

    Api.Response status = admin.get("/api/orgs/" + orgId + "/webhook-deliveries?status=LOST");
    assertThat(status.status()).isEqualTo(400);
    assertThat(status.body().get("field").asString()).isEqualTo("status");
    Api.Response since = admin.get("/api/orgs/" + orgId + "/bulk-sends?since=yesterday");
    assertThat(since.status()).isEqualTo(400);
    assertThat(since.body().get("field").asString()).isEqualTo("since");
    assertThat(admin.get("/api/orgs/" + orgId + "/exports?limit=501").body().get("field").asString()).isEqualTo("limit");
    assertThat(admin.get("/api/orgs/" + orgId + "/erasures?cursor=nope").body().get("field").asString()).isEqualTo("cursor");
    assertThat(admin.get("/api/orgs/no-such-org/signature-requests").status()).isEqualTo(404);
    assertThat(admin.get("/api/orgs/no-such-org/stats").status()).isEqualTo(404);
  }

  @Test
  void everyListAndTheCountsOfAnotherOrganizationAnswer404ToAnOrganizationKey() {
    Api admin = Api.admin(port);
    String orgId = "org-views-owner";
    Api owner = admin.newOrganization(orgId);
    Api other = admin.newOrganization("org-views-other");
    String contactId =
        owner.post("/api/orgs/" + orgId + "/contacts", "{\"contacts\":[{\"email\":\"ana@example.com\",\"name\":\"Ana\"}]}")
            .body().get("ids").get(0).asString();
    assertThat(owner.post("/api/orgs/" + orgId + "/exports", "{\"contactId\":\"" + contactId + "\"}").status()).isEqualTo(202);
    assertThat(owner.post("/api/orgs/" + orgId + "/contacts/" + contactId + "/erasure", "").status()).isEqualTo(202);

    JsonNode erasures =
        Eventually.await(
            () -> owner.get("/api/orgs/" + orgId + "/erasures?status=COMPLETED").body(),
            page -> page.get("items").size() == 1,
            Duration.ofSeconds(30));
    assertThat(erasures.get("items").get(0).get("contactId").asString()).isEqualTo(contactId);
    assertThat(erasures.get("items").get(0).get("workflowId").asString()).isEqualTo("erasure/" + contactId);
    JsonNode exports = owner.get("/api/orgs/" + orgId + "/exports").body();
    assertThat(exports.get("items")).hasSize(1);
    assertThat(exports.get("items").get(0).get("contactId").asString()).isEqualTo(contactId);

    for (String list :
        List.of("webhook-deliveries", "bulk-sends", "signature-requests", "exports", "erasures", "stats")) {
      Api.Response foreign = other.get("/api/orgs/" + orgId + "/" + list);
      assertThat(foreign.status()).as(list).isEqualTo(404);
      assertThat(foreign.body().toString()).as(list).doesNotContain(contactId);
      assertThat(owner.get("/api/orgs/" + orgId + "/" + list).status()).as(list).isEqualTo(200);
    }
    assertThat(other.get("/api/orgs/org-views-other/exports").body().get("items")).isEmpty();
    assertThat(other.get("/api/orgs").status()).isEqualTo(403);
    assertThat(admin.get("/api/orgs?limit=500").body().get("items"))
        .extracting(o -> o.get("id").asString())
        .contains(orgId, "org-views-other");
    assertThat(other.get("/api/orgs/org-views-other").body().get("name").asString()).isNotBlank();
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
