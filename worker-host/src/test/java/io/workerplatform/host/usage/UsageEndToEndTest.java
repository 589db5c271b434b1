package io.workerplatform.host.usage;

import static io.workerplatform.db.Tables.BULK_SENDS;
import static io.workerplatform.db.Tables.EMAIL_MESSAGES;
import static io.workerplatform.db.Tables.NOTIFICATIONS;
import static org.assertj.core.api.Assertions.assertThat;

import io.workerplatform.email.SesLocalServer;
import io.workerplatform.host.support.Api;
import io.workerplatform.host.support.LocalSes;
import io.workerplatform.host.support.Eventually;
import io.workerplatform.host.support.HostTest;
import java.time.Duration;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/** Limits per cycle through the REST API: reservations, refusals, emails skipped beyond the limit. */
@HostTest
class UsageEndToEndTest {
  private static final SesLocalServer ses = SesLocalServer.start();

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    LocalSes.register(registry, ses);
    registry.add("platform.email.allow-list", () -> "*@example.com");
  }

  @LocalServerPort int port;
  @Autowired DSLContext dsl;
  private Api api;
  /** Limits are the operator's: set with the admin token, read with the organization's key. */
  private Api admin;
  private String orgId;

  @BeforeEach
  void organization() {
    orgId = "org-" + System.nanoTime();
    admin = Api.admin(port);
    api = admin.newOrganization(orgId);
  }

  @AfterAll
  static void stop() throws Exception {
    ses.close();
  }

  @Test
  void aBulkSendReservesItsRecipientsAndOneBeyondWhatRemainsIsRefusedNamingIt() {
    String contacts = "{\"contacts\":[" + String.join(",", java.util.stream.IntStream.range(0, 4)
        .mapToObj(i -> "{\"email\":\"u" + i + "-" + orgId + "@example.com\"}").toList()) + "]}";
    api.post("/api/orgs/" + orgId + "/contacts", contacts);
    String petition = api.post("/api/orgs/" + orgId + "/petitions", "{\"title\":\"Pool\"}").body().get("id").asString();
    Api.Response put = admin.put("/api/orgs/" + orgId + "/limits",
        "{\"emails\":5,\"signatureRequests\":0,\"bulkSendRecipients\":10,\"cycleAnchorDay\":15}");
    String bulk = "{\"petitionId\":\"" + petition + "\",\"template\":\"petition-invite\",\"allContacts\":true}";

    assertThat(put.status()).isEqualTo(200);
    assertThat(put.body().get("cycleAnchorDay").asInt()).isEqualTo(15);
    assertThat(put.body().get("emails").get("limit").asLong()).isEqualTo(5);
    Api.Response first = api.post("/api/orgs/" + orgId + "/bulk-sends", bulk);
    Api.Response second = api.post("/api/orgs/" + orgId + "/bulk-sends", bulk);

    assertThat(first.status()).isEqualTo(202);
    second.assertProblem(409, "emails");
    assertThat(second.body().get("detail").asString()).contains("what remains of the organization's emails this cycle: 1");
    assertThat(dsl.fetchCount(BULK_SENDS, BULK_SENDS.ORG_ID.eq(orgId))).as("the refused one is not stored").isEqualTo(1);
    JsonNode usage = api.get("/api/orgs/" + orgId + "/usage").body();
    assertThat(usage.get("emails").get("used").asLong()).isEqualTo(4);
    assertThat(usage.get("bulkSendRecipients").get("used").asLong()).isEqualTo(4);
    assertThat(usage.get("signatureRequests").get("limit").asLong()).isZero();
    assertThat(java.time.Instant.parse(usage.get("cycleStart").asString())).isBefore(java.time.Instant.now());
    assertThat(java.time.Instant.parse(usage.get("cycleEnd").asString())).isAfter(java.time.Instant.now());
  }

  @Test
  void emailsBeyondTheLimitAreRecordedSkippedLimitAndNotSent() {
    admin.put("/api/orgs/" + orgId + "/limits", "{\"emails\":1}");
    for (String name : new String[] {"ann", "bea"}) {
      api.post("/api/orgs/" + orgId + "/members", "{\"email\":\"" + name + "-" + orgId + "@example.com\",\"role\":\"ADMIN\"}");
    }
    String petition = api.post("/api/orgs/" + orgId + "/petitions", "{\"title\":\"Pool\"}").body().get("id").asString();

    api.post("/api/orgs/" + orgId + "/petitions/" + petition + "/complete", "");

    var emails = Eventually.await(
        () -> dsl.fetch(NOTIFICATIONS, NOTIFICATIONS.ORG_ID.eq(orgId)).getValues(NOTIFICATIONS.EMAIL_STATUS),
        s -> s.size() == 2 && !s.contains("PENDING"), Duration.ofSeconds(20));
    assertThat(emails).containsExactlyInAnyOrder("SENT", "SKIPPED");
    assertThat(dsl.fetch(EMAIL_MESSAGES, EMAIL_MESSAGES.ORG_ID.eq(orgId)).getValues(EMAIL_MESSAGES.STATE))
        .containsExactlyInAnyOrder("SENT", "SKIPPED_LIMIT");
    assertThat(ses.emails().stream().filter(e -> e.to().get(0).endsWith("-" + orgId + "@example.com")).count()).isEqualTo(1);
    assertThat(api.get("/api/orgs/" + orgId + "/usage").body().get("emails").get("used").asLong()).isEqualTo(1);
  }

  @Test
  void badLimitsAreRefusedNamingTheFieldAndChangeNothing() {
    admin.put("/api/orgs/" + orgId + "/limits", "{\"emails\":-1}").assertProblem(400, "emails");
    admin.put("/api/orgs/" + orgId + "/limits", "{\"signatureRequests\":\"many\"}").assertProblem(400, "signatureRequests");
    admin.put("/api/orgs/" + orgId + "/limits", "{\"cycleAnchorDay\":32}").assertProblem(400, "cycleAnchorDay");
    admin.put("/api/orgs/" + orgId + "/limits", "[]").assertProblem(400, "body");
    JsonNode usage = api.get("/api/orgs/" + orgId + "/usage").body();
    assertThat(usage.get("emails").get("limit").isNull()).isTrue();
    assertThat(usage.get("cycleAnchorDay").asInt()).isEqualTo(1);
  }
}
