package io.workerplatform.host.documents;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.client.WorkflowClient;
import io.workerplatform.host.support.Api;
import io.workerplatform.host.support.Eventually;
import io.workerplatform.host.support.HostTest;
import io.workerplatform.host.support.Zones;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * A contact's document through the REST API, the {@code expiring-properties} run, and the
 * {@code document.expiring} notification reaching admins, managers and compliance officers only.
 */
@HostTest
class ExpiringDocumentsEndToEndTest {
  @LocalServerPort int port;
  @Autowired WorkflowClient temporal;
  private Api admin;
  private Api api;
  private String orgId;
  private String contactId;

  @BeforeEach
  void organizationWithAContact() {
    admin = Api.admin(port);
    orgId = "org-" + System.nanoTime();
    api = admin.newOrganization(orgId);
    contactId = api.post("/api/orgs/" + orgId + "/contacts", "{\"contacts\":[{\"email\":\"dora@example.com\"}]}")
        .body().get("ids").get(0).asString();
  }


  private List<JsonNode> inbox(String memberId) {
    List<JsonNode> items = new ArrayList<>();
    api.get("/api/orgs/" + orgId + "/members/" + memberId + "/notifications").body().get("items").forEach(items::add);
    return items;
  }

  @Test
  void aDocumentSevenDaysFromExpiryNotifiesComplianceNotPlainMembers() throws Exception {
    String zone = Zones.localHourBetween(9, 20);
    api.patch("/api/orgs/" + orgId, "{\"timeZone\":\"" + zone + "\"}");
    String compliance = api.post("/api/orgs/" + orgId + "/members", "{\"email\":\"co@example.com\",\"role\":\"COMPLIANCE\"}")
        .body().get("id").asString();
    String member = api.post("/api/orgs/" + orgId + "/members", "{\"email\":\"me@example.com\",\"role\":\"MEMBER\"}")
        .body().get("id").asString();
    LocalDate expires = LocalDate.now(ZoneId.of(zone)).plusDays(5);
    Api.Response added = api.post("/api/orgs/" + orgId + "/contacts/" + contactId + "/documents",
        "{\"type\":\"passport\",\"expiresAt\":\"" + expires + "\"}");
    assertThat(added.status()).isEqualTo(201);
    String documentId = added.body().get("id").asString();
    assertThat(api.get("/api/orgs/" + orgId + "/contacts/" + contactId + "/documents").body().get("items"))
        .singleElement().satisfies(d -> assertThat(d.get("expiresAt").asString()).isEqualTo(expires.toString()));

    String run = admin.post("/api/cron/expiring-properties/run", "").body().get("workflowId").asString();
    temporal.newUntypedWorkflowStub(run).getResult(30, TimeUnit.SECONDS, Map.class);

    JsonNode notified = Eventually.await(() -> inbox(compliance), l -> !l.isEmpty(), Duration.ofSeconds(20)).get(0);
    assertThat(notified.get("eventType").asString()).isEqualTo("document.expiring");
    assertThat(notified.get("eventId").asString()).isEqualTo("document-expiring-" + documentId + "-7");
    assertThat(notified.get("title").asString())
        .isEqualTo("Document " + documentId + " (passport) of contact " + contactId + " expires on " + expires + " (HIGH)");
    assertThat(inbox(member)).isEmpty();
    JsonNode event = api.get("/api/orgs/" + orgId + "/events/document-expiring-" + documentId + "-7").body();
    assertThat(event.get("type").asString()).isEqualTo("document.expiring");
  }

  @Test
  void badDocumentsAreRefusedNamingTheFieldAndAContactsErasureRemovesThem() {
    String path = "/api/orgs/" + orgId + "/contacts/" + contactId + "/documents";
    api.post(path, "{\"expiresAt\":\"2027-01-31\"}").assertProblem(400, "type");
    api.post(path, "{\"type\":\"passport\",\"expiresAt\":\"31/01/2027\"}").assertProblem(400, "expiresAt");
    api.post(path, "{\"type\":\"" + "x".repeat(101) + "\",\"expiresAt\":\"2027-01-31\"}").assertProblem(400, "type");
    api.post("/api/orgs/" + orgId + "/contacts/con_nobody/documents", "{\"type\":\"id\",\"expiresAt\":\"2027-01-31\"}")
        .assertProblem(404, null);
    assertThat(api.get(path).body().get("items")).isEmpty();
    api.post(path, "{\"type\":\"passport\",\"expiresAt\":\"2027-01-31\"}");

    api.post("/api/orgs/" + orgId + "/contacts/" + contactId + "/erasure", "");

    JsonNode erased = Eventually.await(
        () -> api.get("/api/orgs/" + orgId + "/contacts/" + contactId + "/erasure").body(),
        b -> "COMPLETED".equals(b.path("status").asString()), Duration.ofSeconds(30));
    assertThat(erased.get("counts").get("contact-documents").asInt()).isEqualTo(1);
  }
}
