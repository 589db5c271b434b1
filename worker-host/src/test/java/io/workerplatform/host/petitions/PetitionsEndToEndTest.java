package io.workerplatform.host.petitions;

import static io.workerplatform.db.Tables.DOMAIN_EVENTS;
import static io.workerplatform.db.Tables.PETITIONS;
import static io.workerplatform.db.Tables.PETITION_REPLIES;
import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.client.WorkflowClient;
import io.workerplatform.host.support.Api;
import io.workerplatform.host.support.Eventually;
import io.workerplatform.host.support.HostTest;
import io.workerplatform.petitions.PetitionCloseWorkflow;
import java.time.Duration;
import java.time.Instant;
import org.jooq.DSLContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** Petitions through the REST API: reminder plans, replies, and closing on a durable timer. */
@HostTest
class PetitionsEndToEndTest {
  @LocalServerPort int port;
  @Autowired DSLContext dsl;
  @Autowired WorkflowClient temporal;
  private Api api;
  private String orgId;
  private String petitions;

  @BeforeEach
  void organization() {
    orgId = "org-" + System.nanoTime();
    api = Api.admin(port).newOrganization(orgId);
    petitions = "/api/orgs/" + orgId + "/petitions";
  }

  private String contact(String email) {
    return api.post("/api/orgs/" + orgId + "/contacts", "{\"contacts\":[{\"email\":\"" + email + "\"}]}")
        .body().get("ids").get(0).asString();
  }

  @Test
  void aPetitionClosesAtItsClosingTimeAndPublishesPetitionClosed() {
    Instant closesAt = Instant.now().plusSeconds(3).truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
    Api.Response created =
        api.post(petitions, "{\"title\":\"Bike lanes\",\"reminders\":{\"everyDays\":3,\"max\":2},\"closesAt\":\"" + closesAt + "\"}");

    assertThat(created.status()).isEqualTo(201);
    String id = created.body().get("id").asString();
    assertThat(created.body().get("status").asString()).isEqualTo("OPEN");
    assertThat(created.body().get("reminders").get("everyDays").asInt()).isEqualTo(3);
    assertThat(created.body().get("closesAt").asString()).isEqualTo(closesAt.toString());
    JsonNode closed = Eventually.await(() -> api.get(petitions + "/" + id).body(),
        p -> "CLOSED".equals(p.get("status").asString()), Duration.ofSeconds(30));
    assertThat(closed.get("closedAt").isNull()).isFalse();
    JsonNode event = Eventually.await(() -> api.get("/api/orgs/" + orgId + "/events/petition-closed-" + id),
        r -> r.status() == 200, Duration.ofSeconds(10)).body();
    assertThat(event.get("type").asString()).isEqualTo("petition.closed");
    assertThat(event.get("entityId").asString()).isEqualTo(id);
    assertThat(temporal.newUntypedWorkflowStub(PetitionCloseWorkflow.workflowId(orgId, id)).getResult(String.class))
        .isEqualTo(PetitionCloseWorkflow.CLOSED);
    // closed: no more changes, replies or completion
    api.patch(petitions + "/" + id, "{\"closesAt\":null}").assertProblem(409, "status");
    api.post(petitions + "/" + id + "/replies", "{\"contactId\":\"" + contact("late@example.com") + "\",\"fields\":{}}")
        .assertProblem(409, "status");
    api.post(petitions + "/" + id + "/complete", "").assertProblem(409, "status");
  }

  @Test
  void aMovedClosingTimeWinsAndAClearedOneCancelsTheTimer() {
    String id = api.post(petitions, "{\"title\":\"Parks\",\"closesAt\":\"" + Instant.now().plusSeconds(2) + "\"}")
        .body().get("id").asString();

    JsonNode moved = api.patch(petitions + "/" + id, "{\"closesAt\":\"" + Instant.now().plus(Duration.ofDays(30)) + "\"}").body();
    JsonNode cleared = api.patch(petitions + "/" + id, "{\"closesAt\":null,\"reminders\":{\"everyDays\":7,\"max\":1}}").body();

    assertThat(moved.get("status").asString()).isEqualTo("OPEN");
    assertThat(cleared.get("closesAt").isNull()).isTrue();
    assertThat(cleared.get("reminders").get("max").asInt()).isEqualTo(1);
    assertThat(temporal.newUntypedWorkflowStub(PetitionCloseWorkflow.workflowId(orgId, id)).getResult(String.class))
        .isEqualTo(PetitionCloseWorkflow.CANCELLED);
    assertThat(dsl.fetchValue(PETITIONS.STATUS, PETITIONS.ID.eq(id))).isEqualTo("OPEN");
    assertThat(dsl.fetchValue(PETITIONS.CLOSE_SCHEDULED_AT, PETITIONS.ID.eq(id))).isNull();
    JsonNode kept = api.patch(petitions + "/" + id, "{\"reminders\":null}").body();
    assertThat(kept.get("reminders").isNull()).isTrue();
  }

  @Test
  void aReplyIsStoredWithItsEventAndBadInputIsRefusedNamingTheField() {
    String id = api.post(petitions, "{\"title\":\"Trees\"}").body().get("id").asString();
    String ana = contact("ana-reply@example.com");

    Api.Response reply = api.post(petitions + "/" + id + "/replies",
        "{\"contactId\":\"" + ana + "\",\"fields\":{\"support\":\"yes\",\"street\":\"Elm\"}}");

    assertThat(reply.status()).isEqualTo(201);
    String replyId = reply.body().get("id").asString();
    assertThat(reply.body().get("eventId").asString()).isEqualTo("reply-" + replyId);
    assertThat(dsl.fetchValue(PETITION_REPLIES.BODY, PETITION_REPLIES.ID.eq(replyId)))
        .isEqualTo("{\"support\":\"yes\",\"street\":\"Elm\"}");
    JsonNode event = api.get("/api/orgs/" + orgId + "/events/reply-" + replyId).body();
    assertThat(event.get("type").asString()).isEqualTo("petition.replied");
    assertThat(event.get("actor").asString()).isEqualTo(ana);

    api.post(petitions, "{\"title\":\" \"}").assertProblem(400, "title");
    api.post(petitions, "{\"title\":\"x\",\"reminders\":{\"everyDays\":0,\"max\":2}}").assertProblem(400, "reminders.everyDays");
    api.post(petitions, "{\"title\":\"x\",\"reminders\":{\"everyDays\":2,\"max\":51}}").assertProblem(400, "reminders.max");
    api.post(petitions, "{\"title\":\"x\",\"closesAt\":\"tomorrow\"}").assertProblem(400, "closesAt");
    api.patch(petitions + "/" + id, "{\"reminders\":\"often\"}").assertProblem(400, "reminders");
    api.post(petitions + "/" + id + "/replies", "{\"contactId\":\"" + ana + "\",\"fields\":[1]}").assertProblem(400, "fields");
    api.post(petitions + "/" + id + "/replies", "{\"fields\":{}}").assertProblem(400, "contactId");
    api.post(petitions + "/" + id + "/replies", "{\"contactId\":\"con_nobody\",\"fields\":{}}").assertProblem(404, null);
    assertThat(dsl.fetchCount(PETITION_REPLIES, PETITION_REPLIES.PETITION_ID.eq(id))).isEqualTo(1);
    assertThat(dsl.fetchCount(DOMAIN_EVENTS, DOMAIN_EVENTS.ORG_ID.eq(orgId).and(DOMAIN_EVENTS.TYPE.eq("petition.replied"))))
        .isEqualTo(1);
  }
}
