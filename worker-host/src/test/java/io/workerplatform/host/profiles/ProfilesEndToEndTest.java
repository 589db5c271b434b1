package io.workerplatform.host.profiles;

import static io.workerplatform.db.Tables.AUDIT_LOG;
import static io.workerplatform.db.Tables.PROFILES;
import static org.assertj.core.api.Assertions.assertThat;

import io.workerplatform.host.support.Api;
import io.workerplatform.retention.Anonymizer;
import io.workerplatform.host.support.Eventually;
import io.workerplatform.host.support.HostTest;
import java.io.ByteArrayInputStream;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.jooq.DSLContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** KYC profiles through the REST API with an organization's key: create, list, read, change, delete. */
@HostTest
class ProfilesEndToEndTest {
  @LocalServerPort int port;
  @Autowired DSLContext dsl;
  private Api api;
  private String orgId;
  private String profiles;

  @BeforeEach
  void organization() {
    orgId = "org-" + System.nanoTime();
    api = Api.admin(port).newOrganization(orgId); // the organization's own key
    profiles = "/api/orgs/" + orgId + "/profiles";
  }

  private JsonNode create(String body) {
    Api.Response created = api.post(profiles, body);
    assertThat(created.status()).as(created.body().toString()).isEqualTo(201);
    return created.body();
  }

  @Test
  void aProfileIsCreatedReadListedChangedAndDeleted() {
    JsonNode ana = create(
        "{\"type\":\"PERSON\",\"name\":\" Ana Díaz \",\"country\":\"ES\",\"dateOfBirth\":\"1980-04-30\",\"externalId\":\"1000042\"}");
    JsonNode acme = create("{\"type\":\"COMPANY\",\"name\":\"Acme GmbH\",\"country\":\"DE\",\"registrationNumber\":\"HRB 12345\"}");

    String anaId = ana.get("id").asString();
    assertThat(anaId).startsWith("prf_");
    assertThat(ana.get("name").asString()).isEqualTo("Ana Díaz");
    assertThat(ana.get("dateOfBirth").asString()).isEqualTo("1980-04-30");
    assertThat(api.get(profiles + "/" + anaId).body()).isEqualTo(ana);
    assertThat(ids(api.get(profiles).body())).containsExactly(acme.get("id").asString(), anaId);
    assertThat(ids(api.get(profiles + "?type=COMPANY").body())).containsExactly(acme.get("id").asString());
    JsonNode first = api.get(profiles + "?limit=1").body();
    assertThat(ids(first)).containsExactly(acme.get("id").asString());
    assertThat(ids(api.get(profiles + "?limit=1&cursor=" + first.get("nextCursor").asString()).body()))
        .containsExactly(anaId);

    JsonNode changed = api.patch(profiles + "/" + anaId, "{\"country\":\"PT\",\"externalId\":null}").body();
    assertThat(changed.get("country").asString()).isEqualTo("PT");
    assertThat(changed.get("externalId").isNull()).isTrue();
    assertThat(changed.get("dateOfBirth").asString()).isEqualTo("1980-04-30");
    assertThat(changed.get("name").asString()).isEqualTo("Ana Díaz");

    assertThat(api.delete(profiles + "/" + anaId).status()).isEqualTo(204);
    api.get(profiles + "/" + anaId).assertProblem(404, null);
    api.delete(profiles + "/" + anaId).assertProblem(404, null);
    assertThat(ids(api.get(profiles).body())).containsExactly(acme.get("id").asString());
    // kept, soft deleted, until the retention removes it
    assertThat(dsl.fetchValue(PROFILES.DELETED_AT, PROFILES.ID.eq(anaId))).isNotNull();
  }

  @Test
  void anExternalIdIsUniqueAmongTheOrganizationsLiveProfiles() {
    String first = create("{\"type\":\"PERSON\",\"name\":\"A\",\"externalId\":\"BP-1\"}").get("id").asString();
    api.post(profiles, "{\"type\":\"PERSON\",\"name\":\"B\",\"externalId\":\"BP-1\"}").assertProblem(409, "externalId");
    String other = create("{\"type\":\"PERSON\",\"name\":\"C\"}").get("id").asString();
    api.patch(profiles + "/" + other, "{\"externalId\":\"BP-1\"}").assertProblem(409, "externalId");

    assertThat(api.delete(profiles + "/" + first).status()).isEqualTo(204);
    assertThat(create("{\"type\":\"PERSON\",\"name\":\"B\",\"externalId\":\"BP-1\"}").get("externalId").asString())
        .isEqualTo("BP-1");
  }

  @Test
  void badInputIsRefusedNamingTheFieldAndStoresNothing() {
    api.post(profiles, "{\"name\":\"A\"}").assertProblem(400, "type");
    api.post(profiles, "{\"type\":\"ROBOT\",\"name\":\"A\"}").assertProblem(400, "type");
    api.post(profiles, "{\"type\":\"PERSON\",\"name\":\" \"}").assertProblem(400, "name");
    api.post(profiles, "{\"type\":\"PERSON\",\"name\":\"" + "x".repeat(301) + "\"}").assertProblem(400, "name");
    api.post(profiles, "{\"type\":\"PERSON\",\"name\":\"A\",\"country\":\"Spain\"}").assertProblem(400, "country");
    api.post(profiles, "{\"type\":\"PERSON\",\"name\":\"A\",\"country\":\"XX\"}").assertProblem(400, "country");
    api.post(profiles, "{\"type\":\"PERSON\",\"name\":\"A\",\"dateOfBirth\":\"30.04.1980\"}").assertProblem(400, "dateOfBirth");
    api.post(profiles, "{\"type\":\"PERSON\",\"name\":\"A\",\"dateOfBirth\":\"2999-01-01\"}").assertProblem(400, "dateOfBirth");
    api.post(profiles, "{\"type\":\"COMPANY\",\"name\":\"A\",\"dateOfBirth\":\"1980-04-30\"}").assertProblem(400, "dateOfBirth");
    api.post(profiles, "{\"type\":\"PERSON\",\"name\":\"A\",\"registrationNumber\":\"HRB 1\"}")
        .assertProblem(400, "registrationNumber");
    api.post(profiles, "{\"type\":\"PERSON\",\"name\":\"A\",\"externalId\":\"" + "1".repeat(101) + "\"}")
        .assertProblem(400, "externalId");
    api.get(profiles + "?type=ROBOT").assertProblem(400, "type");
    String id = create("{\"type\":\"PERSON\",\"name\":\"A\"}").get("id").asString();
    api.patch(profiles + "/" + id, "{\"colour\":\"red\"}").assertProblem(400, "colour");
    api.patch(profiles + "/" + id, "{\"name\":7}").assertProblem(400, "name");
    api.patch(profiles + "/" + id, "{\"type\":\"COMPANY\",\"dateOfBirth\":\"1980-04-30\"}").assertProblem(400, "dateOfBirth");

    assertThat(dsl.fetchCount(PROFILES, PROFILES.ORG_ID.eq(orgId))).isEqualTo(1);
    assertThat(api.get(profiles + "/" + id).body().get("type").asString()).isEqualTo("PERSON");
  }

  @Test
  void anotherOrganizationsKeyReachesNoProfile() {
    String id = create("{\"type\":\"PERSON\",\"name\":\"A\"}").get("id").asString();
    String other = "org-other-" + System.nanoTime();
    Api otherKey = Api.admin(port).newOrganization(other);

    otherKey.get(profiles + "/" + id).assertProblem(404, null);
    otherKey.get(profiles).assertProblem(404, null);
    otherKey.patch(profiles + "/" + id, "{\"name\":\"B\"}").assertProblem(404, null);
    otherKey.delete(profiles + "/" + id).assertProblem(404, null);
    otherKey.get("/api/orgs/" + other + "/profiles/" + id).assertProblem(404, null);
    assertThat(api.get(profiles + "/" + id).body().get("name").asString()).isEqualTo("A");
  }

  @Test
  void anOrganizationsExportHoldsItsProfilesDeletedOnesIncluded() throws Exception {
    String kept = create("{\"type\":\"PERSON\",\"name\":\"Kept\"}").get("id").asString();
    String property = api.post(profiles + "/" + kept + "/properties",
        "{\"kind\":\"DOCUMENT\",\"name\":\"Passport\",\"expiresAt\":\"2031-02-03\"}").body().get("id").asString();
    String deleted = create("{\"type\":\"COMPANY\",\"name\":\"Gone\"}").get("id").asString();
    api.delete(profiles + "/" + deleted);
    Api admin = Api.admin(port);
    String exportId = admin.post("/api/orgs/" + orgId + "/exports", "{}").body().get("id").asString();
    Eventually.await(() -> admin.get("/api/orgs/" + orgId + "/exports/" + exportId).body(),
        b -> "COMPLETED".equals(b.path("status").asString()), Duration.ofSeconds(30));

    HttpResponse<byte[]> zip = HttpClient.newHttpClient().send(
        admin.request("/api/orgs/" + orgId + "/exports/" + exportId + "/download").build(),
        HttpResponse.BodyHandlers.ofByteArray());
    Map<String, byte[]> entries = new LinkedHashMap<>();
    try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip.body()))) {
      for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
        entries.put(e.getName(), in.readAllBytes());
      }
    }
    JsonNode rows = JsonMapper.builder().build().readTree(entries.get("profiles.json"));
    assertThat(rows).extracting(r -> r.get("id").asString()).containsExactlyInAnyOrder(kept, deleted);
    assertThat(rows).allSatisfy(r -> assertThat(r.get("org_id").asString()).isEqualTo(orgId));
    JsonNode properties = JsonMapper.builder().build().readTree(entries.get("profile-properties.json"));
    assertThat(properties).singleElement().satisfies(r -> {
      assertThat(r.get("id").asString()).isEqualTo(property);
      assertThat(r.get("profile_id").asString()).isEqualTo(kept);
      assertThat(r.get("expires_at").asString()).isEqualTo("2031-02-03");
    });
  }

  @Autowired Anonymizer anonymizer;

  @Test
  void aProfileDeletedLongerAgoThanTheRetentionIsDeletedForGoodByTheAnonymizer() {
    String old = create("{\"type\":\"PERSON\",\"name\":\"Old\",\"dateOfBirth\":\"1970-01-01\"}").get("id").asString();
    String recent = create("{\"type\":\"PERSON\",\"name\":\"Recent\"}").get("id").asString();
    String live = create("{\"type\":\"PERSON\",\"name\":\"Live\"}").get("id").asString();
    api.delete(profiles + "/" + old);
    api.delete(profiles + "/" + recent);
    dsl.update(PROFILES).set(PROFILES.DELETED_AT, OffsetDateTime.now().minusDays(31)).where(PROFILES.ID.eq(old)).execute();

    Map<String, Long> counts = anonymizer.run(Map.of(), () -> {});

    assertThat(counts.get("profiles")).isGreaterThanOrEqualTo(1);
    assertThat(dsl.fetch(PROFILES, PROFILES.ORG_ID.eq(orgId)).getValues(PROFILES.ID)).containsExactlyInAnyOrder(recent, live);
    assertThat(dsl.fetchCount(AUDIT_LOG, AUDIT_LOG.ORG_ID.eq(orgId).and(AUDIT_LOG.ENTITY_TYPE.eq("profile")))).isEqualTo(1);
  }

  private static List<String> ids(JsonNode page) {
    List<String> ids = new ArrayList<>();
    page.get("items").forEach(item -> ids.add(item.get("id").asString()));
    return ids;
  }
}
