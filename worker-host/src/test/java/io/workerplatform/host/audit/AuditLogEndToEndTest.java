package io.workerplatform.host.audit;

import static io.workerplatform.db.Tables.AUDIT_LOG;
import static io.workerplatform.db.Tables.RETENTION_PERIODS;
import static org.assertj.core.api.Assertions.assertThat;

import io.workerplatform.audit.AuditLog;
import io.workerplatform.host.support.Api;
import io.workerplatform.host.support.Eventually;
import io.workerplatform.host.support.HostTest;
import io.workerplatform.retention.Anonymizer;
import java.io.ByteArrayInputStream;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The audit log as a capability (the example of docs/extending.md): its read API with filters and
 * cursor paging, scoped to the organization; its retention category; its export section.
 */
@HostTest
class AuditLogEndToEndTest {
  @LocalServerPort int port;
  @Autowired DSLContext dsl;
  @Autowired Anonymizer anonymizer;

  private final OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);

  private void audit(String orgId, String action, String entityType, String entityId, OffsetDateTime at) {
    AuditLog.record(dsl, orgId, "test", action, entityType, entityId, Map.of("rows", 1L), at);
  }

  @Test
  void anOrganizationListsItsAuditRowsNewestFirstFilteredAndPagedAndNoOtherOrganizationsRows() {
    Api admin = Api.admin(port);
    String orgId = "org-" + System.nanoTime();
    Api api = admin.newOrganization(orgId);
    String otherId = "org-other-" + System.nanoTime();
    Api other = admin.newOrganization(otherId);
    audit(orgId, "erase", "contact", "ct_1", now.minusMinutes(3));
    audit(orgId, "anonymize", "petition", null, now.minusMinutes(2));
    audit(orgId, "erase", "member", "mem_1", now.minusMinutes(1));
    String members = "/api/orgs/" + orgId + "/members";
    String cleo = api.post(members, "{\"email\":\"cleo@example.com\",\"name\":\"Cleo\",\"role\":\"ADMIN\"}").body().get("id").asString();
    assertThat(api.post(members + "/" + cleo + "/erasure", "").status()).isEqualTo(200);
    String log = "/api/orgs/" + orgId + "/audit-log";

    JsonNode all = api.get(log).body();
    assertThat(all.get("items")).extracting(i -> i.get("action").asString() + " " + i.get("entityType").asString())
        .containsExactly("erase member", "erase member", "anonymize petition", "erase contact");
    JsonNode erasedCleo = all.get("items").get(0);
    assertThat(erasedCleo.get("actor").asString()).isEqualTo("member-erasure");
    assertThat(erasedCleo.get("entityId").asString()).isEqualTo(cleo);
    assertThat(erasedCleo.get("counts").get("members").asLong()).isEqualTo(1);
    assertThat(erasedCleo.toString()).doesNotContain("cleo@example.com").doesNotContain("Cleo");

    assertThat(api.get(log + "?action=erase&entityType=contact").body().get("items"))
        .singleElement().satisfies(i -> assertThat(i.get("entityId").asString()).isEqualTo("ct_1"));
    assertThat(api.get(log + "?until=" + now.minusSeconds(90).toInstant()).body().get("items")).hasSize(2);
    assertThat(api.get(log + "?since=" + now.minusSeconds(150).toInstant() + "&actor=test").body().get("items")).hasSize(2);

    List<String> paged = new ArrayList<>();
    String cursor = null;
    do {
      JsonNode page = api.get(log + "?limit=3" + (cursor == null ? "" : "&cursor=" + cursor)).body();
      page.get("items").forEach(i -> paged.add(i.get("id").asString()));
      cursor = page.get("nextCursor").isNull() ? null : page.get("nextCursor").asString();
    } while (cursor != null);
    assertThat(paged).hasSize(4).doesNotHaveDuplicates();

    api.get(log + "?action=drop%20table").assertProblem(400, "action");
    api.get(log + "?since=yesterday").assertProblem(400, "since");
    api.get(log + "?limit=501").assertProblem(400, "limit");
    other.get(log).assertProblem(404, null);
    Api.anonymous(port).get(log).assertProblem(401, null);
    assertThat(other.get("/api/orgs/" + otherId + "/audit-log").body().get("items")).isEmpty();
  }

  @Test
  void rowsPastTheirRetentionAreDeletedByTheAnonymizerAndAnOrganizationsOwnPeriodCounts() {
    String kept = "org-kept-" + System.nanoTime();
    String shorter = "org-short-" + System.nanoTime();
    Api admin = Api.admin(port);
    admin.newOrganization(kept);
    admin.newOrganization(shorter);
    dsl.insertInto(RETENTION_PERIODS).set(RETENTION_PERIODS.ORG_ID, shorter)
        .set(RETENTION_PERIODS.CATEGORY, "audit-log").set(RETENTION_PERIODS.DAYS, 10).execute();
    audit(kept, "erase", "contact", "ct_old", now.minusDays(401));
    audit(kept, "erase", "contact", "ct_month", now.minusDays(20));
    audit(shorter, "erase", "contact", "ct_month", now.minusDays(20));

    Map<String, Long> counts = anonymizer.run(Map.of(), () -> {});

    assertThat(counts.get("audit-log")).isGreaterThanOrEqualTo(2);
    assertThat(dsl.fetch(AUDIT_LOG, AUDIT_LOG.ORG_ID.eq(kept).and(AUDIT_LOG.ACTOR.eq("test"))).getValues(AUDIT_LOG.ENTITY_ID))
        .containsExactly("ct_month");
    assertThat(dsl.fetchCount(AUDIT_LOG, AUDIT_LOG.ORG_ID.eq(shorter).and(AUDIT_LOG.ACTOR.eq("test")))).isZero();
    // the run left its own trace: the batch that deleted them is audited after
    assertThat(dsl.fetchCount(AUDIT_LOG, AUDIT_LOG.ORG_ID.eq(shorter).and(AUDIT_LOG.ENTITY_TYPE.eq("audit-row")))).isEqualTo(1);
  }

  @Test
  void anOrganizationsExportHoldsItsAuditRows() throws Exception {
    String orgId = "org-" + System.nanoTime();
    Api api = Api.admin(port).newOrganization(orgId);
    audit(orgId, "erase", "contact", "ct_exported", now.minusMinutes(1));
    String exportId = api.post("/api/orgs/" + orgId + "/exports", "{}").body().get("id").asString();
    Eventually.await(() -> api.get("/api/orgs/" + orgId + "/exports/" + exportId).body(),
        b -> "COMPLETED".equals(b.path("status").asString()), Duration.ofSeconds(30));

    HttpResponse<byte[]> zip = HttpClient.newHttpClient().send(
        api.request("/api/orgs/" + orgId + "/exports/" + exportId + "/download").build(),
        HttpResponse.BodyHandlers.ofByteArray());

    Map<String, byte[]> entries = new LinkedHashMap<>();
    try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip.body()))) {
      for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
        entries.put(e.getName(), in.readAllBytes());
      }
    }
    JsonNode rows = JsonMapper.builder().build().readTree(entries.get("audit_log.json"));
    assertThat(rows).extracting(r -> r.get("entity_id").asString()).contains("ct_exported");
    assertThat(rows).allSatisfy(r -> assertThat(r.get("org_id").asString()).isEqualTo(orgId));
  }
}
