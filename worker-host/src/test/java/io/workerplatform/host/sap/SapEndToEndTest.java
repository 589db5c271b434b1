package io.workerplatform.host.sap;

import static io.workerplatform.db.Tables.SAP_INTEGRATIONS;
import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.client.WorkflowClient;
import io.workerplatform.host.support.Api;
import io.workerplatform.host.support.Eventually;
import io.workerplatform.host.support.HostTest;
import io.workerplatform.sap.FakeSap;
import io.workerplatform.sap.FakeSap.BusinessPartner;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** The SAP sync through the REST API and its cron job, against the local SAP service. */
@HostTest
class SapEndToEndTest {
  static final FakeSap sap = new FakeSap("sync-user", "s3cret");
  static final LocalDate DAY = LocalDate.of(2026, 11, 30);

  @AfterAll
  static void stop() {
    sap.close();
  }

  @LocalServerPort int port;
  @Autowired DSLContext dsl;
  @Autowired WorkflowClient temporal;
  private Api api;
  private String orgId;
  private String base;

  @BeforeEach
  void organization() {
    orgId = "org-" + System.nanoTime();
    api = Api.admin(port).newOrganization(orgId);
    base = "/api/orgs/" + orgId;
  }

  private void poll() throws Exception {
    String run = Api.admin(port).post("/api/cron/sap-profile-polling/run", "").body().get("workflowId").asString();
    temporal.newUntypedWorkflowStub(run).getResult(30, TimeUnit.SECONDS, Map.class);
  }

  private JsonNode awaitRuns(int count) {
    return Eventually.await(() -> api.get(base + "/integrations/sap/runs").body().get("items"),
        items -> items.size() == count && !"RUNNING".equals(items.get(0).path("status").asString()), Duration.ofSeconds(30));
  }

  @Test
  void theJobSyncsChangedPartnersIntoProfilesOncePerInterval() throws Exception {
    String first = "91" + (System.nanoTime() % 100000);
    sap.partners.add(BusinessPartner.person(first + "1", "Ana", "Diaz", DAY, LocalTime.of(9, 0)));
    sap.partners.add(BusinessPartner.company(first + "2", "Acme GmbH", DAY, LocalTime.of(9, 5)));
    Api.Response put = api.put(base + "/integrations/sap",
        "{\"baseUrl\":\"" + sap.baseUrl() + "\",\"username\":\"sync-user\",\"password\":\"s3cret\",\"pollingIntervalMinutes\":30}");
    assertThat(put.status()).isEqualTo(200);
    assertThat(put.body().toString()).doesNotContain("s3cret");
    assertThat(dsl.fetchSingle(SAP_INTEGRATIONS, SAP_INTEGRATIONS.ORG_ID.eq(orgId)).getPasswordSealed())
        .startsWith("enc:v1:").doesNotContain("s3cret");

    poll();

    JsonNode run = awaitRuns(1).get(0);
    assertThat(run.get("status").asString()).isEqualTo("COMPLETED");
    assertThat(run.get("created").asInt()).isGreaterThanOrEqualTo(2);
    assertThat(run.get("finishedAt").isNull()).isFalse();
    List<String> names = new ArrayList<>();
    api.get(base + "/profiles?limit=100").body().get("items").forEach(p -> {
      if (p.get("externalId").asString("").startsWith(first)) {
        names.add(p.get("type").asString() + " " + p.get("name").asString());
      }
    });
    assertThat(names).containsExactlyInAnyOrder("PERSON Ana Diaz", "COMPANY Acme GmbH");
    JsonNode watermark = api.get(base + "/integrations/sap").body().get("watermark");
    assertThat(watermark.get("date").asString()).isEqualTo(DAY.toString());

    poll(); // the interval has not elapsed: no second sync
    assertThat(api.get(base + "/integrations/sap/runs").body().get("items")).hasSize(1);
  }

  @Test
  void badSettingsAreRefusedNamingTheFieldAndAnotherOrganizationReachesNothing() {
    String good = "{\"baseUrl\":\"" + sap.baseUrl() + "\",\"username\":\"u\",\"password\":\"p\"";
    api.put(base + "/integrations/sap", "{\"username\":\"u\",\"password\":\"p\"}").assertProblem(400, "baseUrl");
    api.put(base + "/integrations/sap", "{\"baseUrl\":\"ftp://sap.example.com\",\"username\":\"u\",\"password\":\"p\"}")
        .assertProblem(400, "baseUrl");
    api.put(base + "/integrations/sap", "{\"baseUrl\":\"https://user:pw@sap.example.com\",\"username\":\"u\",\"password\":\"p\"}")
        .assertProblem(400, "baseUrl");
    api.put(base + "/integrations/sap", "{\"baseUrl\":\"" + sap.baseUrl() + "\",\"password\":\"p\"}").assertProblem(400, "username");
    api.put(base + "/integrations/sap", "{\"baseUrl\":\"" + sap.baseUrl() + "\",\"username\":\"u\"}").assertProblem(400, "password");
    api.put(base + "/integrations/sap", good + ",\"pollingIntervalMinutes\":1}").assertProblem(400, "pollingIntervalMinutes");
    assertThat(dsl.fetchCount(SAP_INTEGRATIONS, SAP_INTEGRATIONS.ORG_ID.eq(orgId))).isZero();
    assertThat(api.put(base + "/integrations/sap", good + ",\"enabled\":false}").body().get("enabled").asBoolean()).isFalse();

    String other = "org-other-" + System.nanoTime();
    Api otherKey = Api.admin(port).newOrganization(other);
    otherKey.get(base + "/integrations/sap").assertProblem(404, null);
    otherKey.get(base + "/integrations/sap/runs").assertProblem(404, null);
    otherKey.put(base + "/integrations/sap", good + "}").assertProblem(404, null);
    otherKey.get("/api/orgs/" + other + "/integrations/sap").assertProblem(404, null);
    assertThat(api.get(base + "/integrations/sap").body().get("username").asString()).isEqualTo("u");
  }
}
