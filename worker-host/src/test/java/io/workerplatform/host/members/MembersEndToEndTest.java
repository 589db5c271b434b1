package io.workerplatform.host.members;

import static org.assertj.core.api.Assertions.assertThat;

import io.workerplatform.host.support.Api;
import io.workerplatform.host.support.HostTest;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** Members and the organization's time zone through the REST API. */
@HostTest
class MembersEndToEndTest {
  @LocalServerPort int port;

  private Api admin;
  private Api api;
  private String orgId;
  private String members;

  @BeforeEach
  void createOrganization() {
    admin = Api.admin(port);
    orgId = "org-" + System.nanoTime();
    api = admin.newOrganization(orgId);
    members = "/api/orgs/" + orgId + "/members";
  }

  @Test
  void anOrganizationsTimeZoneIsUtcUntilChangedAndOnlyAValidZoneIsAccepted() {
    assertThat(api.get("/api/orgs/" + orgId).body().get("timeZone").asString()).isEqualTo("UTC");

    Api.Response changed = api.patch("/api/orgs/" + orgId, "{\"timeZone\":\"Europe/Madrid\"}");

    assertThat(changed.status()).isEqualTo(200);
    assertThat(changed.body().get("timeZone").asString()).isEqualTo("Europe/Madrid");
    assertThat(changed.body().get("name").asString()).isEqualTo("Acme");
    api.patch("/api/orgs/" + orgId, "{\"timeZone\":\"Mars/Olympus\"}").assertProblem(400, "timeZone");
    api.patch("/api/orgs/" + orgId, "{\"name\":\" \"}").assertProblem(400, "name");
    assertThat(api.get("/api/orgs/" + orgId).body().get("timeZone").asString()).isEqualTo("Europe/Madrid");
  }

  @Test
  void aMemberIsAddedReadListedNewestFirstAndDeleted() {
    api.patch("/api/orgs/" + orgId, "{\"timeZone\":\"America/New_York\"}");
    Api.Response ana =
        api.post(members, "{\"email\":\"ana@example.com\",\"name\":\"Ana\",\"role\":\"COMPLIANCE\",\"locale\":\"es\"}");
    Api.Response bo =
        api.post(members, "{\"email\":\"bo@example.com\",\"role\":\"ADMIN\",\"timeZone\":\"Asia/Tokyo\"}");

    assertThat(ana.status()).isEqualTo(201);
    String anaId = ana.body().get("id").asString();
    assertThat(anaId).startsWith("mem_");
    JsonNode read = api.get(members + "/" + anaId).body();
    assertThat(read.get("email").asString()).isEqualTo("ana@example.com");
    assertThat(read.get("role").asString()).isEqualTo("COMPLIANCE");
    assertThat(read.get("timeZone").asString()).as("the organization's").isEqualTo("America/New_York");
    assertThat(read.get("locale").asString()).isEqualTo("es");
    assertThat(bo.body().get("timeZone").asString()).isEqualTo("Asia/Tokyo");
    assertThat(bo.body().get("locale").asString()).isEqualTo("en");

    JsonNode page = api.get(members + "?limit=1").body();
    assertThat(page.get("items")).singleElement().satisfies(m -> assertThat(m.get("email").asString()).isEqualTo("bo@example.com"));
    JsonNode next = api.get(members + "?limit=1&cursor=" + page.get("nextCursor").asString()).body();
    assertThat(next.get("items")).singleElement().satisfies(m -> assertThat(m.get("id").asString()).isEqualTo(anaId));
    assertThat(next.get("nextCursor").isNull()).isTrue();

    assertThat(api.delete(members + "/" + anaId).status()).isEqualTo(204);
    assertThat(api.get(members + "/" + anaId).status()).isEqualTo(404);
    assertThat(api.delete(members + "/" + anaId).status()).isEqualTo(404);
    List<String> listed = new ArrayList<>();
    api.get(members).body().get("items").forEach(m -> listed.add(m.get("email").asString()));
    assertThat(listed).containsExactly("bo@example.com");
    // The address is free again once its member is deleted.
    assertThat(api.post(members, "{\"email\":\"ANA@example.com\",\"role\":\"MEMBER\"}").status()).isEqualTo(201);
  }

  @Test
  void badMembersAreRefusedNamingTheFieldAndNothingIsStored() {
    api.post(members, "{\"role\":\"ADMIN\"}").assertProblem(400, "email");
    api.post(members, "{\"email\":\"not-an-address\",\"role\":\"ADMIN\"}").assertProblem(400, "email");
    api.post(members, "{\"email\":\"a@example.com\"}").assertProblem(400, "role");
    api.post(members, "{\"email\":\"a@example.com\",\"role\":\"OWNER\"}").assertProblem(400, "role");
    api.post(members, "{\"email\":\"a@example.com\",\"role\":\"ADMIN\",\"timeZone\":\"CET+1\"}").assertProblem(400, "timeZone");
    api.post(members, "{\"email\":\"a@example.com\",\"role\":\"ADMIN\",\"locale\":\"english!\"}").assertProblem(400, "locale");
    api.post(members, "{\"email\":\"a@example.com\",\"role\":\"ADMIN\",\"name\":\"" + "n".repeat(201) + "\"}").assertProblem(400, "name");
    assertThat(api.get(members).body().get("items")).isEmpty();

    assertThat(api.post(members, "{\"email\":\"a@example.com\",\"role\":\"ADMIN\"}").status()).isEqualTo(201);
    api.post(members, "{\"email\":\"A@Example.com\",\"role\":\"MEMBER\"}").assertProblem(409, "email");
    assertThat(api.get(members).body().get("items")).hasSize(1);
  }

  @Test
  void anotherOrganizationsKeyNeitherSeesNorChangesMembers() {
    String id = api.post(members, "{\"email\":\"a@example.com\",\"role\":\"ADMIN\"}").body().get("id").asString();
    String other = "org-other-" + System.nanoTime();
    Api otherApi = admin.newOrganization(other);

    assertThat(otherApi.get(members + "/" + id).status()).isEqualTo(404);
    assertThat(otherApi.delete(members + "/" + id).status()).isEqualTo(404);
    assertThat(otherApi.get("/api/orgs/" + other + "/members/" + id).status()).isEqualTo(404);
    assertThat(otherApi.delete("/api/orgs/" + other + "/members/" + id).status()).isEqualTo(404);
    assertThat(otherApi.patch("/api/orgs/" + orgId, "{\"timeZone\":\"Asia/Tokyo\"}").status()).isEqualTo(404);
    assertThat(api.get(members + "/" + id).status()).isEqualTo(200);
    assertThat(api.get("/api/orgs/" + orgId).body().get("timeZone").asString()).isEqualTo("UTC");
  }

  @Test
  void aMembersChannelsFollowItsRoleUntilItChoosesAndAnEmptyListMeansNone() {
    String id = api.post(members, "{\"email\":\"c@example.com\",\"role\":\"COMPLIANCE\"}").body().get("id").asString();
    String preferences = members + "/" + id + "/notification-preferences";

    JsonNode defaults = api.get(preferences).body();
    assertThat(defaults.toString())
        .isEqualTo("{\"petition.completed\":[],\"comment.created\":[],\"signature.completed\":[\"IN_APP\"],"
            + "\"signature.cancelled\":[\"IN_APP\"],\"document.expiring\":[\"IN_APP\",\"EMAIL\"]}");

    Api.Response chosen =
        api.put(preferences, "{\"petition.completed\":[\"IN_APP\",\"EMAIL\"],\"document.expiring\":[],\"comment.created\":[\"DIGEST\"]}");

    assertThat(chosen.status()).isEqualTo(200);
    assertThat(chosen.body().toString())
        .isEqualTo("{\"petition.completed\":[\"IN_APP\",\"EMAIL\"],\"comment.created\":[\"DIGEST\"],"
            + "\"signature.completed\":[\"IN_APP\"],\"signature.cancelled\":[\"IN_APP\"],\"document.expiring\":[]}");
    assertThat(api.get(preferences).body()).isEqualTo(chosen.body());

    // A type left out follows the role again.
    api.put(preferences, "{\"comment.created\":[\"IN_APP\"]}");
    assertThat(api.get(preferences).body().get("document.expiring").toString()).isEqualTo("[\"IN_APP\",\"EMAIL\"]");
    assertThat(api.get(preferences).body().get("petition.completed").toString()).isEqualTo("[]");
  }

  @Test
  void badPreferencesAreRefusedNamingTheTypeAndChangeNothing() {
    String id = api.post(members, "{\"email\":\"m@example.com\",\"role\":\"MEMBER\"}").body().get("id").asString();
    String preferences = members + "/" + id + "/notification-preferences";
    JsonNode before = api.get(preferences).body();
    assertThat(before.get("petition.completed").toString()).isEqualTo("[\"IN_APP\"]");

    api.put(preferences, "{\"petition.created\":[\"IN_APP\"]}").assertProblem(400, "petition.created");
    api.put(preferences, "{\"comment.created\":[\"IN_APP\",\"SMS\"]}").assertProblem(400, "comment.created[1]");
    api.put(preferences, "{\"comment.created\":[\"EMAIL\",\"EMAIL\"]}").assertProblem(400, "comment.created");
    api.put(preferences, "{\"comment.created\":null}").assertProblem(400, "comment.created");
    api.put(preferences, "{\"comment.created\":[\"EMAIL\"],\"" + "x".repeat(300) + "\":[]}").assertProblem(400, "type");
    api.put(members + "/mem_missing/notification-preferences", "{}").assertProblem(404, null);

    assertThat(api.get(preferences).body()).isEqualTo(before);
  }
}
