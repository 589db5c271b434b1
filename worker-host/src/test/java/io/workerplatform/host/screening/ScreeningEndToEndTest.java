package io.workerplatform.host.screening;

import static io.workerplatform.db.Tables.AUDIT_LOG;
import static io.workerplatform.db.Tables.SCREENINGS;
import static io.workerplatform.db.Tables.SCREENING_INTEGRATIONS;
import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.client.WorkflowClient;
import io.workerplatform.host.relay.StalledWorkSweeper;
import io.workerplatform.host.support.Api;
import io.workerplatform.host.support.Eventually;
import io.workerplatform.host.support.HostTest;
import io.workerplatform.screening.FakeComplyAdvantage;
import io.workerplatform.screening.FakeComplyAdvantage.FakeHit;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Screenings through the REST API with an organization's key, against the local ComplyAdvantage:
 * the integration, a screening to its end, hits and their disposition, steering, a refused key.
 */
@HostTest
class ScreeningEndToEndTest {
  static final FakeComplyAdvantage provider = new FakeComplyAdvantage("ca-key")
      .hits("Ivan Petrov", new FakeHit("H1", "Ivan Petrov", List.of("sanction")),
          new FakeHit("H2", "Ivan Petrov Jr", List.of("pep")));

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    registry.add("platform.screening.base-url", provider::baseUrl);
    registry.add("platform.screening.batch-size", () -> "5");
    registry.add("platform.screening.transient-backoff", () -> "50ms");
  }

  @AfterAll
  static void stop() {
    provider.close();
  }

  @LocalServerPort int port;
  @Autowired DSLContext dsl;
  private Api api;
  private String orgId;
  private String base;

  @BeforeEach
  void organization() {
    orgId = "org-" + System.nanoTime();
    api = Api.admin(port).newOrganization(orgId);
    base = "/api/orgs/" + orgId;
  }

  private String profile(String name) {
    return api.post(base + "/profiles", "{\"type\":\"PERSON\",\"name\":\"" + name + "\",\"dateOfBirth\":\"1975-03-02\"}")
        .body().get("id").asString();
  }

  private String member(String role) {
    return api.post(base + "/members", "{\"email\":\"" + role.toLowerCase() + "-" + orgId + "@example.com\",\"role\":\"" + role + "\"}")
        .body().get("id").asString();
  }

  private JsonNode awaitScreening(String id, String status) {
    return Eventually.await(() -> api.get(base + "/screenings/" + id).body(),
        b -> status.equals(b.path("status").asString()), Duration.ofSeconds(30));
  }

  @Test
  void theIntegrationIsStoredSealedAndAnsweredWithoutItsKey() {
    api.get(base + "/integrations/screening").assertProblem(404, null);
    api.put(base + "/integrations/screening", "{\"ratePerSecond\":5}").assertProblem(400, "apiKey");
    api.put(base + "/integrations/screening", "{\"apiKey\":\"ca-key\",\"ratePerSecond\":0}").assertProblem(400, "ratePerSecond");
    api.put(base + "/integrations/screening", "{\"apiKey\":\"ca-key\",\"fuzziness\":1.5}").assertProblem(400, "fuzziness");
    api.put(base + "/integrations/screening", "{\"apiKey\":\"" + "k".repeat(201) + "\"}").assertProblem(400, "apiKey");
    assertThat(dsl.fetchCount(SCREENING_INTEGRATIONS, SCREENING_INTEGRATIONS.ORG_ID.eq(orgId))).isZero();

    Api.Response put = api.put(base + "/integrations/screening", "{\"apiKey\":\"ca-key\",\"ratePerSecond\":8}");

    assertThat(put.status()).isEqualTo(200);
    assertThat(put.body().toString()).doesNotContain("ca-key");
    assertThat(put.body().get("status").asString()).isEqualTo("ACTIVE");
    assertThat(put.body().get("ratePerSecond").asInt()).isEqualTo(8);
    assertThat(put.body().get("fuzziness").asDouble()).isEqualTo(0.6);
    JsonNode changed = api.put(base + "/integrations/screening", "{\"fuzziness\":0.8}").body();
    assertThat(changed.get("version").asInt()).as("the key kept").isEqualTo(2);
    assertThat(api.get(base + "/integrations/screening").body().get("fuzziness").asDouble()).isEqualTo(0.8);
    assertThat(dsl.fetchSingle(SCREENING_INTEGRATIONS, SCREENING_INTEGRATIONS.ORG_ID.eq(orgId)).getApiKeySealed())
        .startsWith("enc:v1:").doesNotContain("ca-key");
  }

  @Test
  void aScreeningScreensEachProfileAndAComplianceMemberDisposesOfAHit() {
    api.put(base + "/integrations/screening", "{\"apiKey\":\"ca-key\",\"ratePerSecond\":20}");
    String ivan = profile("Ivan Petrov");
    String ana = profile("Ana Clean");
    String other = profile("Not Asked");

    Api.Response created = api.post(base + "/screenings",
        "{\"profileIds\":[\"" + ivan + "\",\"" + ana + "\"],\"types\":[\"sanction\",\"pep\"]}");

    assertThat(created.status()).isEqualTo(202);
    String id = created.body().get("id").asString();
    assertThat(created.body().get("total").asInt()).isEqualTo(2);
    assertThat(created.body().get("workflowId").asString()).isEqualTo("profile-search/" + id);
    JsonNode done = awaitScreening(id, "COMPLETED");
    assertThat(List.of(done.get("screened").asInt(), done.get("withHits").asInt(), done.get("failed").asInt()))
        .containsExactly(2, 1, 0);
    assertThat(done.get("types").toString()).isEqualTo("[\"sanction\",\"pep\"]");
    assertThat(provider.searchFor(ivan).birthYear()).isEqualTo(1975);
    assertThat(provider.searches.values()).noneMatch(s -> other.equals(s.clientRef()));
    assertThat(ids(api.get(base + "/screenings").body())).containsExactly(id);
    assertThat(ids(api.get(base + "/screenings?status=COMPLETED").body())).containsExactly(id);
    assertThat(ids(api.get(base + "/screenings?status=RUNNING").body())).isEmpty();
    api.get(base + "/screenings?status=DONE").assertProblem(400, "status");
    assertThat(api.get(base + "/stats").body().get("screenings").get("COMPLETED").asLong()).isEqualTo(1);

    JsonNode screening = api.get(base + "/profiles/" + ivan + "/screening").body();
    assertThat(screening.get("status").asString()).isEqualTo("POTENTIAL_MATCH");
    assertThat(screening.get("matchTypes").toString()).isEqualTo("[\"pep\",\"sanction\"]");
    assertThat(screening.get("hits")).extracting(h -> h.get("id").asString()).containsExactly("H1", "H2");
    assertThat(api.get(base + "/profiles/" + ana + "/screening").body().get("status").asString()).isEqualTo("CLEAR");
    assertThat(api.get(base + "/profiles/" + other + "/screening").body().get("status").isNull()).isTrue();

    String officer = member("COMPLIANCE");
    String plain = member("MEMBER");
    String hits = base + "/profiles/" + ivan + "/hits/";
    api.patch(hits + "H1", "{\"disposition\":\"FALSE_POSITIVE\",\"memberId\":\"" + plain + "\"}").assertProblem(400, "memberId");
    api.patch(hits + "H1", "{\"disposition\":\"MAYBE\",\"memberId\":\"" + officer + "\"}").assertProblem(400, "disposition");
    api.patch(hits + "H9", "{\"disposition\":\"TRUE_MATCH\",\"memberId\":\"" + officer + "\"}").assertProblem(404, null);
    JsonNode disposed = api.patch(hits + "H1", "{\"disposition\":\"FALSE_POSITIVE\",\"memberId\":\"" + officer + "\"}").body();
    assertThat(disposed.get("disposition").asString()).isEqualTo("FALSE_POSITIVE");
    assertThat(disposed.get("disposedBy").asString()).isEqualTo(officer);
    assertThat(api.get(base + "/profiles/" + ivan + "/screening").body().get("matchTypes").toString()).isEqualTo("[\"pep\"]");
    api.patch(hits + "H2", "{\"disposition\":\"FALSE_POSITIVE\",\"memberId\":\"" + officer + "\"}");
    assertThat(api.get(base + "/profiles/" + ivan + "/screening").body().get("status").asString()).isEqualTo("CLEAR");
    assertThat(dsl.fetchCount(AUDIT_LOG, AUDIT_LOG.ORG_ID.eq(orgId).and(AUDIT_LOG.ACTION.eq("hit.false-positive"))
        .and(AUDIT_LOG.ACTOR.eq(officer)).and(AUDIT_LOG.ENTITY_ID.eq(ivan)))).isEqualTo(2);
  }

  @Test
  void badScreeningsAreRefusedNamingTheFieldAndStoreNothing() {
    String ana = profile("Ana");
    api.post(base + "/screenings", "{\"allProfiles\":true}").assertProblem(409, "integration");
    api.put(base + "/integrations/screening", "{\"apiKey\":\"ca-key\"}");
    api.post(base + "/screenings", "{}").assertProblem(400, "profileIds");
    api.post(base + "/screenings", "{\"allProfiles\":true,\"profileIds\":[\"" + ana + "\"]}").assertProblem(400, "profileIds");
    api.post(base + "/screenings", "{\"profileIds\":[]}").assertProblem(400, "profileIds");
    api.post(base + "/screenings", "{\"profileIds\":[\"" + ana + "\",\"prf_nobody\"]}").assertProblem(400, "profileIds[1]");
    api.post(base + "/screenings", "{\"allProfiles\":true,\"types\":[\"pep\",\"gossip\"]}").assertProblem(400, "types[1]");
    api.post(base + "/screenings", "{\"allProfiles\":true,\"types\":[]}").assertProblem(400, "types");
    assertThat(dsl.fetchCount(SCREENINGS, SCREENINGS.ORG_ID.eq(orgId))).isZero();
  }

  @Test
  void aScreeningIsPausedResumedAndCancelledAndAnotherOrganizationReachesNothing() {
    api.put(base + "/integrations/screening", "{\"apiKey\":\"ca-key\",\"ratePerSecond\":4}");
    for (int i = 0; i < 30; i++) {
      profile("Steered " + i);
    }
    String id = api.post(base + "/screenings", "{\"allProfiles\":true}").body().get("id").asString();
    awaitScreening(id, "RUNNING");

    assertThat(api.post(base + "/screenings/" + id + "/pause", "").status()).isEqualTo(202);
    awaitScreening(id, "PAUSED");
    String other = "org-other-" + System.nanoTime();
    Api otherKey = Api.admin(port).newOrganization(other);
    otherKey.get(base + "/screenings/" + id).assertProblem(404, null);
    otherKey.post(base + "/screenings/" + id + "/cancel", "").assertProblem(404, null);
    otherKey.get("/api/orgs/" + other + "/screenings/" + id).assertProblem(404, null);
    otherKey.post("/api/orgs/" + other + "/screenings/" + id + "/cancel", "").assertProblem(404, null);
    otherKey.get(base + "/integrations/screening").assertProblem(404, null);
    assertThat(api.post(base + "/screenings/" + id + "/resume", "").status()).isEqualTo(202);
    awaitScreening(id, "RUNNING");
    assertThat(api.post(base + "/screenings/" + id + "/cancel", "").status()).isEqualTo(202);

    JsonNode cancelled = awaitScreening(id, "CANCELLED");
    assertThat(cancelled.get("screened").asInt()).isLessThan(30);
    api.post(base + "/screenings/" + id + "/resume", "").assertProblem(409, "id");
  }

  @Test
  void aRefusedKeyFailsTheScreeningMarksTheIntegrationAndNotifiesTheAdminsOnce() {
    String admin = member("ADMIN");
    String officer = member("COMPLIANCE");
    api.put(base + "/integrations/screening", "{\"apiKey\":\"revoked-key\"}");
    profile("Ana");
    String first = api.post(base + "/screenings", "{\"allProfiles\":true}").body().get("id").asString();

    JsonNode failed = awaitScreening(first, "FAILED");

    assertThat(failed.get("failureReason").asString()).isEqualTo("ScreeningUnauthorized");
    JsonNode integration = api.get(base + "/integrations/screening").body();
    assertThat(integration.get("status").asString()).isEqualTo("FAILED");
    assertThat(integration.get("failureReason").asString()).isEqualTo("ComplyAdvantage search: HTTP 401");
    api.post(base + "/screenings", "{\"allProfiles\":true}").assertProblem(409, "integration");
    JsonNode notice = Eventually.await(() -> inbox(admin), l -> !l.isEmpty(), Duration.ofSeconds(20)).get(0);
    assertThat(notice.get("eventType").asString()).isEqualTo("screening.integration.failed");
    assertThat(notice.get("title").asString()).isEqualTo(
        "The screening provider refused the organization's API key (ComplyAdvantage search: HTTP 401): "
            + "screenings stop until a key is set again");
    assertThat(inbox(officer)).isEmpty();

    // a good key makes it active again
    assertThat(api.put(base + "/integrations/screening", "{\"apiKey\":\"ca-key\"}").body().get("status").asString())
        .isEqualTo("ACTIVE");
    String second = api.post(base + "/screenings", "{\"allProfiles\":true}").body().get("id").asString();
    assertThat(awaitScreening(second, "COMPLETED").get("screened").asInt()).isEqualTo(1);
    assertThat(inbox(admin)).hasSize(1);
  }

  @Autowired StalledWorkSweeper sweeper;
  @Autowired WorkflowClient temporal;

  @Test
  void aScreeningWhoseWorkflowWasTerminatedIsStartedAgainByTheSweeperAndScreensWhatIsLeft() {
    api.put(base + "/integrations/screening", "{\"apiKey\":\"ca-key\",\"ratePerSecond\":4}");
    List<String> profiles = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      profiles.add(profile("Swept " + i));
    }
    String id = api.post(base + "/screenings", "{\"allProfiles\":true}").body().get("id").asString();
    Eventually.await(() -> api.get(base + "/screenings/" + id).body(), b -> b.path("screened").asInt() >= 2,
        Duration.ofSeconds(30));
    temporal.newUntypedWorkflowStub("profile-search/" + id).terminate("an operator's mistake");
    // as it would stand had it been terminated an hour into its run
    dsl.update(SCREENINGS).set(SCREENINGS.CREATED_AT, java.time.OffsetDateTime.now().minusHours(1))
        .where(SCREENINGS.ID.eq(id)).execute();

    assertThat(sweeper.sweep()).isGreaterThanOrEqualTo(1);

    JsonNode done = awaitScreening(id, "COMPLETED");
    assertThat(done.get("screened").asInt()).isEqualTo(12);
    assertThat(profiles).allSatisfy(p ->
        assertThat(api.get(base + "/profiles/" + p + "/screening").body().get("status").asString()).isEqualTo("CLEAR"));
    assertThat(sweeper.sweep()).as("nothing left to start").isZero();
  }

  private List<JsonNode> inbox(String memberId) {
    List<JsonNode> items = new ArrayList<>();
    api.get(base + "/members/" + memberId + "/notifications").body().get("items").forEach(items::add);
    return items;
  }

  private static List<String> ids(JsonNode page) {
    List<String> ids = new ArrayList<>();
    page.get("items").forEach(i -> ids.add(i.get("id").asString()));
    return ids;
  }
}
