package io.workerplatform.host.profiles;

import static io.workerplatform.db.Tables.DOMAIN_EVENTS;
import static io.workerplatform.db.Tables.PROFILES;
import static io.workerplatform.db.Tables.PROFILE_PROPERTIES;
import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.client.WorkflowClient;
import io.workerplatform.host.support.Api;
import io.workerplatform.host.support.Eventually;
import io.workerplatform.host.support.HostTest;
import io.workerplatform.host.support.Zones;
import io.workerplatform.retention.Anonymizer;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.jooq.DSLContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A KYC profile's expiring properties through the REST API, the {@code expiring-properties} run,
 * and the {@code profile.property.expiring} notification reaching admins, managers and compliance
 * officers only.
 */
@HostTest
class ProfilePropertiesEndToEndTest {
  @LocalServerPort int port;
  @Autowired WorkflowClient temporal;
  @Autowired DSLContext dsl;
  @Autowired Anonymizer anonymizer;
  private Api admin;
  private Api api;
  private String orgId;
  private String profileId;
  private String properties;

  @BeforeEach
  void organizationWithAProfile() {
    admin = Api.admin(port);
    orgId = "org-" + System.nanoTime();
    api = admin.newOrganization(orgId);
    profileId = api.post("/api/orgs/" + orgId + "/profiles", "{\"type\":\"PERSON\",\"name\":\"Ana\"}")
        .body().get("id").asString();
    properties = "/api/orgs/" + orgId + "/profiles/" + profileId + "/properties";
  }


  private List<JsonNode> inbox(String memberId) {
    List<JsonNode> items = new ArrayList<>();
    api.get("/api/orgs/" + orgId + "/members/" + memberId + "/notifications").body().get("items").forEach(items::add);
    return items;
  }

  private String member(String email, String role) {
    return api.post("/api/orgs/" + orgId + "/members", "{\"email\":\"" + email + "\",\"role\":\"" + role + "\"}")
        .body().get("id").asString();
  }

  @Test
  void aCertificationFourteenDaysFromExpiryNotifiesComplianceAdminsAndManagersNotPlainMembers() throws Exception {
    String zone = Zones.localHourBetween(9, 20);
    api.patch("/api/orgs/" + orgId, "{\"timeZone\":\"" + zone + "\"}");
    String compliance = member("co@example.com", "COMPLIANCE");
    String manager = member("ma@example.com", "MANAGER");
    String plain = member("me@example.com", "MEMBER");
    LocalDate expires = LocalDate.now(ZoneId.of(zone)).plusDays(10);
    Api.Response added =
        api.post(properties, "{\"kind\":\"CERTIFICATION\",\"name\":\" ISO 27001 \",\"expiresAt\":\"" + expires + "\"}");
    assertThat(added.status()).isEqualTo(201);
    String propertyId = added.body().get("id").asString();
    assertThat(added.body().get("name").asString()).isEqualTo("ISO 27001");
    api.post(properties, "{\"kind\":\"DOCUMENT\",\"name\":\"Passport\",\"expiresAt\":\"" + expires.plusYears(3) + "\"}");
    assertThat(api.get(properties).body().get("items")).extracting(p -> p.get("kind").asString())
        .containsExactly("CERTIFICATION", "DOCUMENT");

    String run = admin.post("/api/cron/expiring-properties/run", "").body().get("workflowId").asString();
    temporal.newUntypedWorkflowStub(run).getResult(30, TimeUnit.SECONDS, Map.class);

    JsonNode notified = Eventually.await(() -> inbox(compliance), l -> !l.isEmpty(), Duration.ofSeconds(20)).get(0);
    assertThat(notified.get("eventType").asString()).isEqualTo("profile.property.expiring");
    assertThat(notified.get("eventId").asString()).isEqualTo("profile-property-expiring-" + propertyId + "-14");
    assertThat(notified.get("title").asString()).isEqualTo(
        "Property " + propertyId + " (CERTIFICATION) of profile " + profileId + " expires on " + expires + " (MEDIUM)");
    assertThat(Eventually.await(() -> inbox(manager), l -> !l.isEmpty(), Duration.ofSeconds(20))).hasSize(1);
    assertThat(inbox(plain)).isEmpty();
    JsonNode event = api.get("/api/orgs/" + orgId + "/events/profile-property-expiring-" + propertyId + "-14").body();
    assertThat(event.get("type").asString()).isEqualTo("profile.property.expiring");
    String payload = dsl.select(DOMAIN_EVENTS.PAYLOAD).from(DOMAIN_EVENTS)
        .where(DOMAIN_EVENTS.ORG_ID.eq(orgId)).and(DOMAIN_EVENTS.EXTERNAL_ID.eq("profile-property-expiring-" + propertyId + "-14"))
        .fetchSingle().value1().data();
    assertThat(JsonMapper.builder().build().readTree(payload)).isEqualTo(JsonMapper.builder().build().readTree("{\"profileId\":\"" + profileId + "\",\"propertyId\":\""
        + propertyId + "\",\"propertyKind\":\"CERTIFICATION\",\"expiresAt\":\"" + expires
        + "\",\"daysBefore\":14,\"urgency\":\"MEDIUM\"}"));

    // the same day again: nothing new
    String again = admin.post("/api/cron/expiring-properties/run", "").body().get("workflowId").asString();
    temporal.newUntypedWorkflowStub(again).getResult(30, TimeUnit.SECONDS, Map.class);
    assertThat(inbox(compliance)).hasSize(1);
  }

  @Test
  void badPropertiesAreRefusedNamingTheFieldAndStoreNothing() {
    api.post(properties, "{\"name\":\"Passport\",\"expiresAt\":\"2027-01-31\"}").assertProblem(400, "kind");
    api.post(properties, "{\"kind\":\"LICENCE\",\"name\":\"Passport\",\"expiresAt\":\"2027-01-31\"}").assertProblem(400, "kind");
    api.post(properties, "{\"kind\":\"DOCUMENT\",\"expiresAt\":\"2027-01-31\"}").assertProblem(400, "name");
    api.post(properties, "{\"kind\":\"DOCUMENT\",\"name\":\"" + "x".repeat(201) + "\",\"expiresAt\":\"2027-01-31\"}")
        .assertProblem(400, "name");
    api.post(properties, "{\"kind\":\"DOCUMENT\",\"name\":\"Passport\",\"expiresAt\":\"31/01/2027\"}")
        .assertProblem(400, "expiresAt");
    api.post("/api/orgs/" + orgId + "/profiles/prf_nobody/properties",
        "{\"kind\":\"DOCUMENT\",\"name\":\"Passport\",\"expiresAt\":\"2027-01-31\"}").assertProblem(404, null);
    assertThat(dsl.fetchCount(PROFILE_PROPERTIES, PROFILE_PROPERTIES.ORG_ID.eq(orgId))).isZero();
  }

  @Test
  void anotherOrganizationsKeyReachesNoProperty() {
    String id = api.post(properties, "{\"kind\":\"DOCUMENT\",\"name\":\"Passport\",\"expiresAt\":\"2027-01-31\"}")
        .body().get("id").asString();
    String other = "org-other-" + System.nanoTime();
    Api otherKey = Api.admin(port).newOrganization(other);

    otherKey.get(properties).assertProblem(404, null);
    otherKey.post(properties, "{\"kind\":\"DOCUMENT\",\"name\":\"X\",\"expiresAt\":\"2027-01-31\"}").assertProblem(404, null);
    otherKey.delete(properties + "/" + id).assertProblem(404, null);
    String theirs = "/api/orgs/" + other + "/profiles/" + profileId + "/properties";
    otherKey.get(theirs).assertProblem(404, null);
    otherKey.post(theirs, "{\"kind\":\"DOCUMENT\",\"name\":\"X\",\"expiresAt\":\"2027-01-31\"}").assertProblem(404, null);
    otherKey.delete(theirs + "/" + id).assertProblem(404, null);
    assertThat(api.get(properties).body().get("items")).extracting(p -> p.get("id").asString()).containsExactly(id);
  }

  @Test
  void aDeletedProfilesPropertiesAreNotListedAndGoWithItWhenTheRetentionDeletesIt() {
    String id = api.post(properties, "{\"kind\":\"DOCUMENT\",\"name\":\"Passport\",\"expiresAt\":\"2027-01-31\"}")
        .body().get("id").asString();
    api.delete("/api/orgs/" + orgId + "/profiles/" + profileId);
    api.get(properties).assertProblem(404, null);
    api.delete(properties + "/" + id).assertProblem(404, null);
    dsl.update(PROFILES).set(PROFILES.DELETED_AT, OffsetDateTime.now().minusDays(31)).where(PROFILES.ID.eq(profileId)).execute();

    anonymizer.run(Map.of(), () -> {});

    assertThat(dsl.fetchCount(PROFILES, PROFILES.ID.eq(profileId))).isZero();
    assertThat(dsl.fetchCount(PROFILE_PROPERTIES, PROFILE_PROPERTIES.ID.eq(id))).isZero();
  }
}
