package io.workerplatform.host.reports;

import static io.workerplatform.db.Tables.EMAIL_MESSAGES;
import static io.workerplatform.db.Tables.REPORT_SCHEDULES;
import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.client.WorkflowClient;
import io.workerplatform.email.SesLocalServer;
import io.workerplatform.events.DomainEventWorkflow;
import io.workerplatform.email.SesLocalServer.ReceivedEmail;
import io.workerplatform.host.support.Api;
import io.workerplatform.host.support.Eventually;
import io.workerplatform.host.support.Histories;
import io.workerplatform.host.support.HostTest;
import io.workerplatform.host.support.LocalSes;
import io.workerplatform.reports.ReportLinks;
import io.workerplatform.reports.ReportPeriods;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
 * Report schedules through the REST API with an organization's key; the cron job
 * {@code scheduled-reports} builds last month's report once and emails its members a signed link
 * that downloads the CSV without a key, and nothing else does.
 */
@HostTest
class ReportsEndToEndTest {
  private static final SesLocalServer ses = SesLocalServer.start();
  private static final Pattern LINK = Pattern.compile("http://localhost:8080(/links/reports/\\S+)");

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    LocalSes.register(registry, ses);
  }

  @LocalServerPort int port;
  @Autowired WorkflowClient temporal;
  @Autowired DSLContext dsl;
  @Autowired ReportLinks links;
  private Api admin;
  private Api api;
  private String orgId;
  private String base;

  @BeforeEach
  void organization() {
    admin = Api.admin(port);
    orgId = "org-" + System.nanoTime();
    api = admin.newOrganization(orgId);
    base = "/api/orgs/" + orgId + "/report-schedules";
  }

  @AfterAll
  static void stop() throws Exception {
    ses.close();
  }

  private String member(Api on, String org, String name, String role) {
    return on.post("/api/orgs/" + org + "/members",
            "{\"email\":\"" + name + "-" + org + "@example.com\",\"name\":\"" + name + "\",\"role\":\"" + role + "\"}")
        .body().get("id").asString();
  }

  private String runCron() throws Exception {
    String run = admin.post("/api/cron/scheduled-reports/run", "").body().get("workflowId").asString();
    temporal.newUntypedWorkflowStub(run).getResult(60, TimeUnit.SECONDS, Map.class);
    return run;
  }

  private static HttpResponse<String> anonymousGet(String url) throws Exception {
    try (HttpClient http = HttpClient.newHttpClient()) {
      return http.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }
  }

  @Test
  void aScheduleIsCreatedReadListedAndBadOnesNameTheField() {
    String ana = member(api, orgId, "ana", "ADMIN");
    String otherOrg = "other-" + System.nanoTime();
    Api other = admin.newOrganization(otherOrg);
    String theirs = member(other, otherOrg, "eve", "ADMIN");

    Api.Response created = api.post(base, "{\"kind\":\"deliveries\",\"period\":\"WEEKLY\",\"recipientIds\":[\"" + ana + "\"]}");

    assertThat(created.status()).isEqualTo(201);
    String id = created.body().get("id").asString();
    assertThat(created.header("Location")).isEqualTo(base + "/" + id);
    assertThat(created.body().get("kind").asString()).isEqualTo("deliveries");
    assertThat(created.body().get("period").asString()).isEqualTo("WEEKLY");
    assertThat(created.body().get("recipientIds").get(0).asString()).isEqualTo(ana);
    assertThat(api.get(base).body().get("items")).singleElement()
        .satisfies(s -> assertThat(s.get("id").asString()).isEqualTo(id));
    assertThat(api.get(base + "/" + id).body().get("orgId").asString()).isEqualTo(orgId);

    api.post(base, "{\"kind\":\"pdf\",\"period\":\"WEEKLY\",\"recipientIds\":[\"" + ana + "\"]}").assertProblem(400, "kind");
    api.post(base, "{\"kind\":\"usage\",\"period\":\"DAILY\",\"recipientIds\":[\"" + ana + "\"]}").assertProblem(400, "period");
    api.post(base, "{\"kind\":\"usage\",\"period\":\"MONTHLY\",\"recipientIds\":[]}").assertProblem(400, "recipientIds");
    api.post(base, "{\"kind\":\"usage\",\"period\":\"MONTHLY\",\"recipientIds\":[\"" + ana + "\",\"" + theirs + "\"]}")
        .assertProblem(400, "recipientIds[1]");
    assertThat(api.get(base).body().get("items")).hasSize(1);

    // another organization's key reaches none of it
    assertThat(other.get(base).status()).isEqualTo(404);
    assertThat(other.get(base + "/" + id).status()).isEqualTo(404);
    assertThat(other.get("/api/orgs/" + otherOrg + "/report-schedules/" + id).status()).isEqualTo(404);
    assertThat(other.delete("/api/orgs/" + otherOrg + "/report-schedules/" + id).status()).isEqualTo(404);
    assertThat(other.post(base, "{\"kind\":\"usage\",\"period\":\"MONTHLY\",\"recipientIds\":[\"" + theirs + "\"]}").status())
        .isEqualTo(404);
    assertThat(api.get(base + "/" + id).status()).isEqualTo(200);

    assertThat(api.delete(base + "/" + id).status()).isEqualTo(204);
    assertThat(api.get(base + "/" + id).status()).isEqualTo(404);
  }

  @Test
  void lastMonthsReportIsBuiltOnceAndItsMembersDownloadItThroughTheirSignedLinkOnly() throws Exception {
    String ana = member(api, orgId, "ana", "ADMIN");
    String bob = member(api, orgId, "bob", "MEMBER");
    String schedule = api.post(base, "{\"kind\":\"emails\",\"period\":\"MONTHLY\",\"recipientIds\":[\"" + ana + "\"]}")
        .body().get("id").asString();
    dsl.update(REPORT_SCHEDULES).set(REPORT_SCHEDULES.CREATED_AT, OffsetDateTime.now().minusMonths(2))
        .where(REPORT_SCHEDULES.ID.eq(schedule)).execute(); // last month is due
    // an email of the application's, sent last month
    String emailId = api.post("/api/orgs/" + orgId + "/emails",
            "{\"to\":{\"address\":\"client@example.com\"},\"template\":\"document-expiry\",\"data\":{}}")
        .body().get("id").asString();
    Eventually.await(() -> api.get("/api/orgs/" + orgId + "/emails/" + emailId).body().get("status").asString(),
        "SENT"::equals, Duration.ofSeconds(30));
    ReportPeriods lastMonth = ReportPeriods.latestEnded("MONTHLY", Instant.now(), ZoneOffset.UTC);
    dsl.update(EMAIL_MESSAGES).set(EMAIL_MESSAGES.CREATED_AT, lastMonth.from().plusDays(2))
        .where(EMAIL_MESSAGES.DEDUPE_KEY.eq("app/" + orgId + "/" + emailId)).execute();

    String run = runCron();

    JsonNode report = api.get("/api/orgs/" + orgId + "/reports?scheduleId=" + schedule).body().get("items").get(0);
    String reportId = report.get("id").asString();
    assertThat(report.get("status").asString()).isEqualTo("READY");
    assertThat(report.get("rows").asLong()).isEqualTo(1);
    assertThat(report.get("periodStart").asString()).isEqualTo(lastMonth.start().toString());
    ReceivedEmail email = Eventually.await(() -> ses.emailsTo("ana-" + orgId + "@example.com"), l -> !l.isEmpty(),
        Duration.ofSeconds(30)).getFirst();
    assertThat(email.subject()).isEqualTo(
        "Acme: your emails report " + lastMonth.start() + " to " + lastMonth.end().minusDays(1));
    Matcher link = LINK.matcher(email.text());
    assertThat(link.find()).as(email.text()).isTrue();
    String url = "http://localhost:" + port + link.group(1);

    HttpResponse<String> csv = anonymousGet(url);
    assertThat(csv.statusCode()).isEqualTo(200);
    assertThat(csv.headers().firstValue("content-type").orElseThrow()).startsWith("text/csv");
    assertThat(csv.headers().firstValue("cache-control").orElseThrow()).isEqualTo("no-store");
    assertThat(csv.body()).startsWith("emailId,bulkSendId,template,").contains(emailId + ",,document-expiry,")
        .doesNotContain("client@example.com");
    // with the key, the same file
    assertThat(api.getText("/api/orgs/" + orgId + "/reports/" + reportId + "/download").body()).isEqualTo(csv.body());
    // a changed signature, another member or a past expiry opens nothing
    assertThat(anonymousGet(url.replaceFirst("signature=.", "signature=A")).statusCode()).isEqualTo(404);
    assertThat(anonymousGet(url.replace("member=" + ana, "member=" + bob)).statusCode()).isEqualTo(404);
    String expired = links.url(reportId, ana, Instant.now().minusSeconds(1)).replace("http://localhost:8080", "");
    assertThat(anonymousGet("http://localhost:" + port + expired).statusCode()).isEqualTo(410);
    assertThat(anonymousGet("http://localhost:" + port + "/links/reports/" + reportId).statusCode()).isEqualTo(404);
    // the cron run's and the event's histories hold ids, never an address or a link
    String eventWorkflow = DomainEventWorkflow.workflowId(orgId, "report-ready-" + reportId);
    assertThat(String.join("", Histories.allRuns(temporal, eventWorkflow))).contains(reportId);
    for (String workflowId : List.of(run, eventWorkflow)) {
      assertThat(Histories.allRuns(temporal, workflowId)).as(workflowId).isNotEmpty().allSatisfy(history -> assertThat(history)
          .doesNotContain("@example.com").doesNotContain("signature="));
    }
    // bob is not a recipient: no email
    assertThat(ses.emailsTo("bob-" + orgId + "@example.com")).isEmpty();
    // another organization's key reaches neither the report nor its file
    String otherOrg = "other-" + System.nanoTime();
    Api other = admin.newOrganization(otherOrg);
    assertThat(other.get("/api/orgs/" + orgId + "/reports/" + reportId).status()).isEqualTo(404);
    assertThat(other.getText("/api/orgs/" + otherOrg + "/reports/" + reportId + "/download").status()).isEqualTo(404);
    assertThat(other.get("/api/orgs/" + otherOrg + "/reports").body().get("items")).isEmpty();

    // once per period: running again builds and announces nothing, so no second email follows
    runCron();
    assertThat(api.get("/api/orgs/" + orgId + "/reports").body().get("items")).hasSize(1);
    assertThat(api.get("/api/orgs/" + orgId + "/events?type=report.ready").body().get("items")).singleElement()
        .satisfies(e -> assertThat(e.get("id").asString()).isEqualTo("report-ready-" + reportId));
    assertThat(ses.emailsTo("ana-" + orgId + "@example.com")).hasSize(1);

    // a member who left loses the link; a deleted schedule keeps its report
    assertThat(api.delete("/api/orgs/" + orgId + "/members/" + ana).status()).isEqualTo(204);
    assertThat(anonymousGet(url).statusCode()).isEqualTo(404);
    assertThat(api.delete(base + "/" + schedule).status()).isEqualTo(204);
    JsonNode kept = api.get("/api/orgs/" + orgId + "/reports/" + reportId).body();
    assertThat(kept.get("status").asString()).isEqualTo("READY");
    assertThat(kept.get("scheduleId").isNull()).isTrue();
  }
}
