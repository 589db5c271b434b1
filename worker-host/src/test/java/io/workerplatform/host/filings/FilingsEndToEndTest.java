package io.workerplatform.host.filings;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.client.WorkflowClient;
import io.workerplatform.email.SesLocalServer;
import io.workerplatform.email.SesLocalServer.ReceivedEmail;
import io.workerplatform.host.support.Api;
import io.workerplatform.host.support.Eventually;
import io.workerplatform.host.support.HostTest;
import io.workerplatform.host.support.LocalSes;
import io.workerplatform.host.support.Zones;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
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
 * Filings through the REST API with an organization's key, the cron job {@code filing-reminders},
 * and {@code filing.due} reaching admins, managers, tax preparers, compliance officers and the
 * filing's assignees (in-app, and the {@code filing-reminder} email).
 */
@HostTest
class FilingsEndToEndTest {
  private static final SesLocalServer ses = SesLocalServer.start();

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    LocalSes.register(registry, ses);
  }

  @LocalServerPort int port;
  @Autowired WorkflowClient temporal;
  private Api admin;
  private Api api;
  private String orgId;
  private String base;

  @BeforeEach
  void organization() {
    admin = Api.admin(port);
    orgId = "org-" + System.nanoTime();
    api = admin.newOrganization(orgId);
    base = "/api/orgs/" + orgId + "/filings";
  }

  @AfterAll
  static void stop() throws Exception {
    ses.close();
  }

  private String member(String role) {
    return api.post("/api/orgs/" + orgId + "/members",
        "{\"email\":\"" + role.toLowerCase() + "-" + orgId + "@example.com\",\"name\":\"" + role + "\",\"role\":\"" + role + "\"}")
        .body().get("id").asString();
  }

  private List<JsonNode> inbox(String memberId) {
    List<JsonNode> items = new ArrayList<>();
    api.get("/api/orgs/" + orgId + "/members/" + memberId + "/notifications").body().get("items").forEach(items::add);
    return items;
  }

  private void runCron() throws Exception {
    String run = admin.post("/api/cron/filing-reminders/run", "").body().get("workflowId").asString();
    temporal.newUntypedWorkflowStub(run).getResult(30, TimeUnit.SECONDS, Map.class);
  }

  @Test
  void aFilingIsCreatedReadChangedListedAndDeleted() {
    String preparer = member("TAX_PREPARER");
    Api.Response created = api.post(base, "{\"title\":\"VAT Q4\",\"kind\":\"VAT\",\"dueDate\":\"2027-01-20\","
        + "\"assigneeIds\":[\"" + preparer + "\"]}");

    assertThat(created.status()).isEqualTo(201);
    String id = created.body().get("id").asString();
    assertThat(created.header("Location")).isEqualTo(base + "/" + id);
    assertThat(created.body().get("status").asString()).isEqualTo("DRAFT");
    assertThat(created.body().get("assigneeIds").get(0).asString()).isEqualTo(preparer);
    Api.Response changed = api.patch(base + "/" + id, "{\"status\":\"PREPARED\",\"dueDate\":\"2027-01-25\"}");
    assertThat(changed.status()).isEqualTo(200);
    assertThat(changed.body().get("status").asString()).isEqualTo("PREPARED");
    assertThat(changed.body().get("dueDate").asString()).isEqualTo("2027-01-25");
    assertThat(changed.body().get("title").asString()).isEqualTo("VAT Q4");
    assertThat(api.get(base + "?status=PREPARED").body().get("items")).singleElement()
        .satisfies(f -> assertThat(f.get("id").asString()).isEqualTo(id));
    assertThat(api.get(base + "?status=FILED").body().get("items")).isEmpty();
    assertThat(api.delete(base + "/" + id).status()).isEqualTo(204);
    assertThat(api.get(base + "/" + id).status()).isEqualTo(404);
  }

  @Test
  void badFilingsNameTheFieldAndAnotherOrganizationsKeyFindsNothing() {
    String otherOrg = "other-" + System.nanoTime();
    Api other = admin.newOrganization(otherOrg);
    String theirMember = other.post("/api/orgs/" + otherOrg + "/members", "{\"email\":\"x@example.com\",\"role\":\"ADMIN\"}")
        .body().get("id").asString();
    api.post(base, "{\"kind\":\"VAT\",\"dueDate\":\"2027-01-20\"}").assertProblem(400, "title");
    api.post(base, "{\"title\":\"T\",\"kind\":\"VAT <b>\",\"dueDate\":\"2027-01-20\"}").assertProblem(400, "kind");
    api.post(base, "{\"title\":\"T\",\"kind\":\"VAT\",\"dueDate\":\"20 January\"}").assertProblem(400, "dueDate");
    api.post(base, "{\"title\":\"T\",\"kind\":\"VAT\",\"dueDate\":\"2027-01-20\",\"status\":\"LATE\"}").assertProblem(400, "status");
    api.post(base, "{\"title\":\"T\",\"kind\":\"VAT\",\"dueDate\":\"2027-01-20\",\"assigneeIds\":[\"" + theirMember + "\"]}")
        .assertProblem(400, "assigneeIds[0]");
    assertThat(api.get(base).body().get("items")).isEmpty();

    String id = api.post(base, "{\"title\":\"T\",\"kind\":\"VAT\",\"dueDate\":\"2027-01-20\"}").body().get("id").asString();
    assertThat(other.get(base + "/" + id).status()).isEqualTo(404);
    assertThat(other.get("/api/orgs/" + otherOrg + "/filings/" + id).status()).isEqualTo(404);
    assertThat(other.patch("/api/orgs/" + otherOrg + "/filings/" + id, "{\"status\":\"FILED\"}").status()).isEqualTo(404);
    assertThat(other.delete("/api/orgs/" + otherOrg + "/filings/" + id).status()).isEqualTo(404);
    assertThat(other.post(base + "/reminders/run", "").status()).isEqualTo(404);
    assertThat(api.get(base + "/" + id).body().get("status").asString()).isEqualTo("DRAFT");
  }

  @Test
  void aFilingDueInSixDaysRemindsItsPeopleOnceAndADueDateMovedCloserRemindsAgainUrgently() throws Exception {
    String zone = Zones.localHourBetween(9, 20);
    api.patch("/api/orgs/" + orgId, "{\"timeZone\":\"" + zone + "\"}");
    String preparer = member("TAX_PREPARER");
    String assignee = member("MEMBER");
    String bystander = api.post("/api/orgs/" + orgId + "/members", "{\"email\":\"by-" + orgId + "@example.com\",\"role\":\"MEMBER\"}")
        .body().get("id").asString();
    LocalDate today = LocalDate.now(ZoneId.of(zone));
    LocalDate due = today.plusDays(6);
    String id = api.post(base, "{\"title\":\"Corporate tax 2026\",\"kind\":\"CORPORATE_TAX\",\"dueDate\":\"" + due + "\","
        + "\"assigneeIds\":[\"" + assignee + "\"]}").body().get("id").asString();
    api.post(base, "{\"title\":\"Filed already\",\"kind\":\"VAT\",\"dueDate\":\"" + today.plusDays(2) + "\",\"status\":\"FILED\"}");

    runCron();

    String eventId = "filing-due-" + id + "-" + due.format(DateTimeFormatter.BASIC_ISO_DATE) + "-7";
    String title = "Filing " + id + " (CORPORATE_TAX) is due on " + due + " (HIGH)";
    for (String notified : List.of(preparer, assignee)) {
      JsonNode n = Eventually.await(() -> inbox(notified), l -> !l.isEmpty(), Duration.ofSeconds(20)).getFirst();
      assertThat(n.get("eventId").asString()).isEqualTo(eventId);
      assertThat(n.get("title").asString()).isEqualTo(title);
    }
    assertThat(inbox(bystander)).isEmpty();
    ReceivedEmail email = Eventually.await(() -> ses.emailsTo("tax_preparer-" + orgId + "@example.com"),
        l -> !l.isEmpty(), Duration.ofSeconds(20)).getFirst();
    assertThat(email.subject()).isEqualTo("Acme: Corporate tax 2026 is due on " + due + " (HIGH)");
    assertThat(email.text()).startsWith("Hello TAX_PREPARER,").contains("in 6 days");
    assertThat(api.get("/api/orgs/" + orgId + "/events/" + eventId).body().get("type").asString()).isEqualTo("filing.due");

    // once per threshold: running again now publishes nothing
    assertThat(api.post(base + "/reminders/run", "").body().get("published").asInt()).isZero();
    // the due date moved two days out: the 3-day reminder, urgent
    api.patch(base + "/" + id, "{\"dueDate\":\"" + today.plusDays(2) + "\"}");
    assertThat(api.post(base + "/reminders/run", "").body().get("published").asInt()).isEqualTo(1);
    String urgent = "filing-due-" + id + "-" + today.plusDays(2).format(DateTimeFormatter.BASIC_ISO_DATE) + "-3";
    assertThat(api.get("/api/orgs/" + orgId + "/events/" + urgent).status()).isEqualTo(200);
    JsonNode latest = Eventually.await(() -> inbox(preparer), l -> l.size() == 2, Duration.ofSeconds(20)).getFirst();
    assertThat(latest.get("title").asString())
        .isEqualTo("Filing " + id + " (CORPORATE_TAX) is due on " + today.plusDays(2) + " (URGENT)");
  }
}
