package io.workerplatform.host.compliance;

import static org.assertj.core.api.Assertions.assertThat;

import io.workerplatform.compliance.ComplianceStore;
import io.workerplatform.email.SesLocalServer;
import io.workerplatform.email.SesLocalServer.ReceivedEmail;
import io.workerplatform.host.support.Api;
import io.workerplatform.host.support.Eventually;
import io.workerplatform.host.support.HostTest;
import io.workerplatform.host.support.LocalSes;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Compliance through the REST API with an organization's key: requirements, a refresh now, the
 * score with its issues, the history, and a worsened level alerting admins and compliance officers.
 */
@HostTest
class ComplianceEndToEndTest {
  private static final SesLocalServer ses = SesLocalServer.start();

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    LocalSes.register(registry, ses);
  }

  @LocalServerPort int port;
  @Autowired ComplianceStore store;
  private Api api;
  private String orgId;
  private String base;

  @BeforeEach
  void organization() {
    orgId = "org-" + System.nanoTime();
    api = Api.admin(port).newOrganization(orgId);
    base = "/api/orgs/" + orgId + "/compliance";
  }

  @AfterAll
  static void stop() throws Exception {
    ses.close();
  }

  private String member(String role) {
    return api.post("/api/orgs/" + orgId + "/members", "{\"email\":\"" + role.toLowerCase() + "-" + orgId
        + "@example.com\",\"name\":\"" + role + "\",\"role\":\"" + role + "\"}").body().get("id").asString();
  }

  private List<JsonNode> inbox(String memberId) {
    List<JsonNode> items = new ArrayList<>();
    api.get("/api/orgs/" + orgId + "/members/" + memberId + "/notifications").body().get("items").forEach(items::add);
    return items;
  }

  private JsonNode refreshed() {
    Api.Response accepted = api.post(base + "/refresh", "");
    assertThat(accepted.status()).isEqualTo(202);
    String runId = accepted.body().get("runId").asString();
    assertThat(accepted.header("Location")).isEqualTo(base + "/runs/" + runId);
    assertThat(accepted.body().get("workflowId").asString()).isEqualTo("compliance-refresh/" + runId);
    return Eventually.await(() -> api.get(base + "/runs/" + runId).body(),
        run -> "COMPLETED".equals(run.get("status").asString()), Duration.ofSeconds(20));
  }

  @Test
  void aRefreshScoresTheRequirementsAndAWorsenedLevelAlertsAdminsAndComplianceOfficers() {
    String admin = member("ADMIN");
    String officer = member("COMPLIANCE");
    String preparer = member("TAX_PREPARER");
    Api.Response requirements = api.put(base + "/requirements", "{\"profileDocumentKinds\":[\"passport\"]}");
    assertThat(requirements.status()).isEqualTo(200);
    assertThat(api.get(base + "/requirements").body().get("profileDocumentKinds").get(0).asString()).isEqualTo("passport");
    String profile = api.post("/api/orgs/" + orgId + "/profiles",
        "{\"type\":\"PERSON\",\"name\":\"Pia\",\"country\":\"ES\"}").body().get("id").asString();
    LocalDate today = LocalDate.now(ZoneOffset.UTC);
    String overdue = api.post("/api/orgs/" + orgId + "/filings", "{\"title\":\"Q3\",\"kind\":\"VAT\",\"dueDate\":\""
        + today.minusDays(3) + "\"}").body().get("id").asString();
    assertThat(api.get(base).status()).isEqualTo(404); // nothing computed yet

    JsonNode run = refreshed();

    // 100 - missing passport 10 - overdue filing 20
    assertThat(run.get("score").asInt()).isEqualTo(70);
    assertThat(run.get("level").asString()).isEqualTo("AMBER");
    JsonNode latest = api.get(base).body();
    assertThat(latest.get("score").asInt()).isEqualTo(70);
    assertThat(latest.get("level").asString()).isEqualTo("AMBER");
    assertThat(latest.get("issues")).hasSize(2);
    assertThat(latest.get("recommendations").toString())
        .contains("Add a passport document to profile " + profile).contains("File filing " + overdue);
    assertThat(latest.toString()).doesNotContain("Pia");
    for (String notified : List.of(admin, officer)) {
      JsonNode n = Eventually.await(() -> inbox(notified), l -> !l.isEmpty(), Duration.ofSeconds(20)).getFirst();
      assertThat(n.get("eventType").asString()).isEqualTo("compliance.level.changed");
      assertThat(n.get("title").asString())
          .isEqualTo("Compliance level AMBER (score 70, was GREEN): run " + run.get("id").asString());
    }
    assertThat(inbox(preparer)).isEmpty();
    ReceivedEmail alert = Eventually.await(() -> ses.emailsTo("compliance-" + orgId + "@example.com"),
        l -> !l.isEmpty(), Duration.ofSeconds(20)).getFirst();
    assertThat(alert.subject()).isEqualTo("Acme: compliance level AMBER (score 70)");
    assertThat(alert.text()).contains("(it was GREEN)").contains("- Add a passport document to profile " + profile);

    // the same again: no worse, no second alert
    assertThat(refreshed().get("level").asString()).isEqualTo("AMBER");
    assertThat(api.get(base + "/history").body().get("items")).hasSize(2);
    assertThat(inbox(admin)).hasSize(1);
  }

  @Test
  void aRefreshAskedForWhileOneRunsAnswersTheRunningOne() {
    String running = store.start(orgId, "NIGHTLY").run().id();

    Api.Response again = api.post(base + "/refresh", "");

    assertThat(again.status()).isEqualTo(202);
    assertThat(again.body().get("runId").asString()).isEqualTo(running);
    assertThat(again.body().get("running").asBoolean()).isTrue();
    assertThat(again.body().get("status").asString()).isEqualTo("RUNNING");
  }

  @Test
  void badRequirementsNameTheFieldAndAnotherOrganizationsKeyReachesNothing() {
    api.put(base + "/requirements", "{\"profileDocumentKinds\":[\"pass<port>\"]}").assertProblem(400, "profileDocumentKinds[0]");
    api.put(base + "/requirements", "{\"contactDocumentKinds\":[" + "\"k\",".repeat(50) + "\"k\"]}")
        .assertProblem(400, "contactDocumentKinds");
    assertThat(api.get(base + "/requirements").body().get("profileDocumentKinds")).isEmpty();

    String otherOrg = "other-" + System.nanoTime();
    Api other = Api.admin(port).newOrganization(otherOrg);
    for (String path : List.of(base, base + "/history", base + "/requirements")) {
      assertThat(other.get(path).status()).as(path).isEqualTo(404);
    }
    assertThat(other.post(base + "/refresh", "").status()).isEqualTo(404);
    assertThat(other.put(base + "/requirements", "{\"profileDocumentKinds\":[\"x\"]}").status()).isEqualTo(404);
    String runId = refreshed().get("id").asString();
    assertThat(other.get("/api/orgs/" + otherOrg + "/compliance/runs/" + runId).status()).isEqualTo(404);
  }
}
