package io.workerplatform.host.scheduling;

import static org.assertj.core.api.Assertions.assertThat;

import io.workerplatform.host.support.Api;
import io.workerplatform.host.support.Eventually;
import io.workerplatform.host.support.HostTest;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** Delayed events, scheduled bulk sends and petitions' closing, listed soonest first and cancelled. */
@HostTest
class ScheduledActionsEndToEndTest {
  @LocalServerPort int port;
  private Api api;
  private String orgId;
  private String actions;

  @BeforeEach
  void organization() {
    orgId = "org-" + System.nanoTime();
    api = Api.admin(port).newOrganization(orgId);
    actions = "/api/orgs/" + orgId + "/scheduled-actions";
  }

  private List<JsonNode> items(String path) {
    List<JsonNode> items = new ArrayList<>();
    api.get(path).body().get("items").forEach(items::add);
    return items;
  }

  @Test
  void eachKindIsListedSoonestFirstAndCancelledWhereItLives() {
    Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    api.post("/api/orgs/" + orgId + "/contacts", "{\"contacts\":[{\"email\":\"a@example.com\"}]}");
    String petition = api.post("/api/orgs/" + orgId + "/petitions",
        "{\"title\":\"Roads\",\"closesAt\":\"" + now.plus(Duration.ofDays(3)) + "\"}").body().get("id").asString();
    api.post("/api/orgs/" + orgId + "/events",
        "{\"id\":\"evt_later\",\"type\":\"petition.completed\",\"processAt\":\"" + now.plus(Duration.ofDays(1)) + "\"}");
    String bulkSend = api.post("/api/orgs/" + orgId + "/bulk-sends",
        "{\"petitionId\":\"" + petition + "\",\"template\":\"petition-invite\",\"allContacts\":true,\"delay\":\"P2D\"}")
        .body().get("id").asString();

    List<JsonNode> listed = items(actions);

    assertThat(listed).extracting(a -> a.get("kind").asString()).containsExactly("EVENT", "BULK_SEND", "PETITION_CLOSE");
    assertThat(listed).extracting(a -> a.get("entityId").asString()).containsExactly("evt_later", bulkSend, petition);
    assertThat(listed.get(0).get("id").asString()).isEqualTo("EVENT:evt_later");
    assertThat(listed.get(0).get("dueAt").asString()).isEqualTo(now.plus(Duration.ofDays(1)).toString());
    assertThat(listed.get(2).get("dueAt").asString()).isEqualTo(now.plus(Duration.ofDays(3)).toString());
    JsonNode first = api.get(actions + "?limit=1").body();
    assertThat(items(actions + "?limit=2&cursor=" + first.get("nextCursor").asString()))
        .extracting(a -> a.get("kind").asString()).containsExactly("BULK_SEND", "PETITION_CLOSE");

    assertThat(api.delete(actions + "/EVENT:evt_later").status()).isEqualTo(204);
    assertThat(api.get("/api/orgs/" + orgId + "/events/evt_later").body().get("status").asString()).isEqualTo("CANCELLED");
    assertThat(api.delete(actions + "/PETITION_CLOSE:" + petition).status()).isEqualTo(204);
    assertThat(api.get("/api/orgs/" + orgId + "/petitions/" + petition).body().get("closesAt").isNull()).isTrue();
    assertThat(api.delete(actions + "/BULK_SEND:" + bulkSend).status()).isEqualTo(202);
    Eventually.await(() -> api.get("/api/orgs/" + orgId + "/bulk-sends/" + bulkSend).body().get("status").asString(),
        "CANCELLED"::equals, Duration.ofSeconds(20));
    assertThat(items(actions)).isEmpty();
  }

  @Test
  void anUnknownOrFinishedActionIsNotFound() {
    api.delete(actions + "/EVENT:evt_none").assertProblem(404, null);
    api.delete(actions + "/SOMETHING:x").assertProblem(404, null);
    api.delete(actions + "/no-kind").assertProblem(404, null);
    String petition = api.post("/api/orgs/" + orgId + "/petitions", "{\"title\":\"No closing\"}").body().get("id").asString();
    api.delete(actions + "/PETITION_CLOSE:" + petition).assertProblem(404, null);
    api.get(actions + "?cursor=nonsense").assertProblem(400, "cursor");
  }
}
