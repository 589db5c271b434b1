package io.workerplatform.host.screening;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.client.WorkflowClient;
import io.workerplatform.host.support.Api;
import io.workerplatform.host.support.Eventually;
import io.workerplatform.host.support.HostTest;
import io.workerplatform.host.support.Zones;
import io.workerplatform.screening.FakeComplyAdvantage;
import io.workerplatform.screening.FakeComplyAdvantage.FakeHit;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Monitoring through the REST API and the provider's callback, and the nightly adverse-media
 * rescreen, against the local ComplyAdvantage: what reaches the compliance officers.
 */
@HostTest
class MonitoringEndToEndTest {
  static final FakeComplyAdvantage provider = new FakeComplyAdvantage("ca-key");

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    registry.add("platform.screening.base-url", provider::baseUrl);
  }

  @AfterAll
  static void stop() {
    provider.close();
  }

  @LocalServerPort int port;
  @Autowired WorkflowClient temporal;
  private final HttpClient http = HttpClient.newHttpClient();
  private Api api;
  private String orgId;
  private String base;
  private String profileId;
  private String officer;
  private String name;

  @BeforeEach
  void aScreenedProfile() {
    orgId = "org-" + System.nanoTime();
    api = Api.admin(port).newOrganization(orgId);
    base = "/api/orgs/" + orgId;
    api.put(base + "/integrations/screening", "{\"apiKey\":\"ca-key\",\"ratePerSecond\":20}");
    officer = api.post(base + "/members", "{\"email\":\"co-" + orgId + "@example.com\",\"role\":\"COMPLIANCE\"}")
        .body().get("id").asString();
    name = "Mon " + orgId;
    provider.hits(name, new FakeHit("M1", name, List.of("sanction")));
    profileId = api.post(base + "/profiles", "{\"type\":\"PERSON\",\"name\":\"" + name + "\"}").body().get("id").asString();
    String screening = api.post(base + "/screenings", "{\"profileIds\":[\"" + profileId + "\"]}").body().get("id").asString();
    Eventually.await(() -> api.get(base + "/screenings/" + screening).body(),
        b -> "COMPLETED".equals(b.path("status").asString()), Duration.ofSeconds(30));
  }

  private HttpResponse<String> callback(String url, String body) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(url))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private List<JsonNode> inbox(String memberId) {
    List<JsonNode> items = new ArrayList<>();
    api.get(base + "/members/" + memberId + "/notifications").body().get("items").forEach(items::add);
    return items;
  }

  @Test
  void aCallbackAboutAMonitoredSearchUpdatesTheProfileAndAlertsComplianceOnce() throws Exception {
    Api.Response started = api.post(base + "/profiles/" + profileId + "/monitoring", "");
    assertThat(started.status()).isEqualTo(200);
    assertThat(started.body().get("monitored").asBoolean()).isTrue();
    String searchId = provider.searchFor(profileId).id();
    assertThat(provider.searches.get(searchId).monitored()).isTrue();
    String url = api.get(base + "/integrations/screening").body().get("callbackUrl").asString();
    assertThat(url).startsWith("http://localhost:8080/callbacks/screening/" + orgId + "?token=");
    String hook = "http://127.0.0.1:" + port + url.substring("http://localhost:8080".length());
    String change = "{\"event\":\"monitored_search_updated\",\"data\":{\"search_id\":" + searchId
        + ",\"updated\":[],\"new\":[\"M2\"],\"removed\":[]}}";
    provider.update(searchId, new FakeHit("M1", name, List.of("sanction")), new FakeHit("M2", name + " II", List.of("pep")));

    HttpResponse<String> wrongToken = callback(hook.replaceAll("token=.*", "token=forged"), change);
    assertThat(wrongToken.statusCode()).isEqualTo(401);
    assertThat(callback(hook.replace(orgId, "org-else"), change).statusCode()).as("another organization's URL").isEqualTo(401);
    HttpResponse<String> tooLarge = callback(hook, "{\"event\":\"monitored_search_updated\",\"pad\":\""
        + "x".repeat(300 * 1024) + "\"}");
    assertThat(tooLarge.statusCode()).as("bodies are limited").isEqualTo(413);
    HttpResponse<String> unreadable = callback(hook, "{\"event\":\"monitored_search_updated\",\"data\":{}}");
    assertThat(unreadable.statusCode()).isEqualTo(400);
    assertThat(unreadable.body()).contains("data.search_id");
    assertThat(callback(hook, "{\"event\":\"something_else\"}").statusCode()).isEqualTo(200);
    assertThat(api.get(base + "/profiles/" + profileId + "/screening").body().get("hits")).hasSize(1);

    HttpResponse<String> accepted = callback(hook, change);
    assertThat(accepted.statusCode()).isEqualTo(200);
    assertThat(accepted.body()).contains("\"refreshing\":true");

    JsonNode notice = Eventually.await(() -> inbox(officer), l -> !l.isEmpty(), Duration.ofSeconds(30)).get(0);
    assertThat(notice.get("eventType").asString()).isEqualTo("profile.screening.changed");
    assertThat(notice.get("title").asString())
        .isEqualTo("Screening of profile " + profileId + " changed: 1 new hit(s), 0 removed; now POTENTIAL_MATCH");
    assertThat(api.get(base + "/profiles/" + profileId + "/screening").body().get("hits"))
        .extracting(h -> h.get("id").asString()).containsExactly("M1", "M2");
    // the provider says it again: nothing new
    temporal.newUntypedWorkflowStub("screening-refresh/" + orgId + "/" + searchId).getResult(10, TimeUnit.SECONDS, Boolean.class);
    callback(hook, change);
    temporal.newUntypedWorkflowStub("screening-refresh/" + orgId + "/" + searchId).getResult(10, TimeUnit.SECONDS, Boolean.class);
    assertThat(inbox(officer)).hasSize(1);

    assertThat(api.delete(base + "/profiles/" + profileId + "/monitoring").body().get("monitored").asBoolean()).isFalse();
    assertThat(provider.searches.get(searchId).monitored()).isFalse();
    assertThat(callback(hook, change).body()).contains("\"refreshing\":false");
  }

  @Test
  void aProviderFailingWhileSwitchingChangesNothingAndAnotherOrganizationReachesNothing() {
    provider.failNext(503, 1);
    Api.Response failed = api.post(base + "/profiles/" + profileId + "/monitoring", "");
    assertThat(failed.status()).isEqualTo(502);
    assertThat(failed.body().get("detail").asString()).contains("HTTP 503").doesNotContain(name);
    assertThat(api.get(base + "/profiles/" + profileId + "/monitoring").body().get("monitored").asBoolean()).isFalse();

    String fresh = api.post(base + "/profiles", "{\"type\":\"COMPANY\",\"name\":\"Unscreened\"}").body().get("id").asString();
    api.post(base + "/profiles/" + fresh + "/monitoring", "").assertProblem(409, "profileId");

    String other = "org-other-" + System.nanoTime();
    Api otherKey = Api.admin(port).newOrganization(other);
    otherKey.post(base + "/profiles/" + profileId + "/monitoring", "").assertProblem(404, null);
    otherKey.post("/api/orgs/" + other + "/profiles/" + profileId + "/monitoring", "").assertProblem(404, null);
    otherKey.post("/api/orgs/" + other + "/profiles/" + profileId + "/adverse-media-monitoring", "").assertProblem(404, null);
    otherKey.get("/api/orgs/" + other + "/profiles/" + profileId + "/monitoring").assertProblem(404, null);
    assertThat(api.get(base + "/profiles/" + profileId + "/monitoring").body().get("monitored").asBoolean()).isFalse();
  }


  @Test
  void theNightlyRescreenOfAProfileUnderAdverseMediaMonitoringAlertsEachNewArticleOnce() throws Exception {
    api.patch(base, "{\"timeZone\":\"" + Zones.localHourBetween(4, 22) + "\"}");
    assertThat(api.post(base + "/profiles/" + profileId + "/adverse-media-monitoring", "").body()
        .get("adverseMedia").asBoolean()).isTrue();
    provider.hits(name, new FakeHit("M1", name, List.of("sanction")), new FakeHit("ART-1", "An article", List.of("adverse-media")));

    String run = Api.admin(port).post("/api/cron/adverse-media-monitor/run", "").body().get("workflowId").asString();
    temporal.newUntypedWorkflowStub(run).getResult(30, TimeUnit.SECONDS, Map.class);

    JsonNode nightly = Eventually.await(() -> api.get(base + "/screenings").body().get("items").get(0),
        s -> "ADVERSE_MEDIA".equals(s.path("kind").asString()) && "COMPLETED".equals(s.path("status").asString()),
        Duration.ofSeconds(30));
    assertThat(nightly.get("types").toString()).isEqualTo("[\"adverse-media\"]");
    assertThat(provider.searchFor(profileId).types()).containsExactly("adverse-media");
    JsonNode notice = Eventually.await(() -> inbox(officer), l -> !l.isEmpty(), Duration.ofSeconds(30)).get(0);
    assertThat(notice.get("eventType").asString()).isEqualTo("profile.adverse-media.found");
    assertThat(notice.get("eventId").asString()).isEqualTo("profile-adverse-media-found-" + profileId + "-ART-1");
    assertThat(notice.get("title").asString()).isEqualTo("New adverse media ART-1 for profile " + profileId);
  }
}
