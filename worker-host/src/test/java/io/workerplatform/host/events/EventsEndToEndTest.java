package io.workerplatform.host.events;

import static io.workerplatform.db.Tables.AUDIT_LOG;
import static io.workerplatform.db.Tables.DOMAIN_EVENTS;
import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.api.enums.v1.EventType;
import io.temporal.client.WorkflowClient;
import io.workerplatform.events.DomainEventWorkflow;
import io.workerplatform.host.relay.StalledWorkSweeper;
import io.workerplatform.host.support.Api;
import io.workerplatform.host.support.Eventually;
import io.workerplatform.host.support.HostTest;
import io.workerplatform.webhooks.WebhookReceiver;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The events capability through the REST API of a host in embedded mode: processing with its
 * handlers' state, delayed and cancelled events, ordering keys, low priority behind a backlog.
 */
@HostTest
class EventsEndToEndTest {
  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    registry.add("platform.events.low-priority-types", () -> "contact.created");
    registry.add("platform.events.low-priority-max-concurrent-handlers", () -> "2");
  }

  @LocalServerPort int port;
  @Autowired DSLContext dsl;
  @Autowired WorkflowClient client;

  private final WebhookReceiver receiver = new WebhookReceiver();
  private Api admin;
  private Api api;
  private String orgId;
  private String events;

  @BeforeEach
  void createOrganization() {
    admin = Api.admin(port);
    orgId = "org-" + System.nanoTime();
    api = admin.newOrganization(orgId);
    events = "/api/orgs/" + orgId + "/events";
  }

  @AfterEach
  void stopReceiver() {
    receiver.close();
  }

  private void subscribe(String path, String... types) {
    Api.Response response =
        api.post(
            "/api/orgs/" + orgId + "/webhook-subscriptions",
            "{\"url\":\"" + receiver.url(path) + "\",\"eventTypes\":[\"" + String.join("\",\"", types) + "\"]}");
    assertThat(response.status()).isEqualTo(201);
  }

  private JsonNode awaitEvent(String eventId, String status) {
    return Eventually.await(
        () -> api.get(events + "/" + eventId).body(),
        body -> status.equals(body.path("status").asString()),
        Duration.ofSeconds(30));
  }

  @Test
  void aPublishedEventIsProcessedByEveryHandlerAndShowsEachOnesState() {
    subscribe("/hooks", "petition.completed");

    Api.Response published =
        api.post(events, "{\"id\":\"evt_1\",\"type\":\"petition.completed\",\"data\":{\"petitionId\":\"pet_1\"},"
            + "\"entityId\":\"pet_1\",\"actor\":\"usr_9\"}");

    assertThat(published.status()).isEqualTo(202);
    assertThat(published.body().get("status").asString()).isEqualTo("PROCESSING");
    assertThat(published.body().get("deliveryIds")).hasSize(1);
    JsonNode event = awaitEvent("evt_1", "PROCESSED");
    assertThat(event.get("type").asString()).isEqualTo("petition.completed");
    assertThat(event.get("workflowId").asString()).isEqualTo("domain-event/" + orgId + "/evt_1");
    assertThat(event.get("handlers").toString())
        .isEqualTo("[{\"name\":\"audit\",\"status\":\"DONE\",\"attempts\":1,\"lastError\":null},"
            + "{\"name\":\"notifications\",\"status\":\"DONE\",\"attempts\":1,\"lastError\":null},"
            + "{\"name\":\"webhooks\",\"status\":\"DONE\",\"attempts\":1,\"lastError\":null}]");
    assertThat(receiver.received).hasSize(1);
    assertThat(dsl.fetchCount(AUDIT_LOG, AUDIT_LOG.ORG_ID.eq(orgId).and(AUDIT_LOG.EVENT_ID.eq("evt_1")))).isEqualTo(1);
    JsonNode list = api.get(events + "?type=petition.completed&status=PROCESSED").body();
    assertThat(list.get("items")).singleElement().satisfies(i -> assertThat(i.get("id").asString()).isEqualTo("evt_1"));
    assertThat(api.get(events + "?status=SCHEDULED").body().get("items")).isEmpty();
  }

  @Autowired StalledWorkSweeper sweeper;

  @Test
  void anEventUnderWayWhoseWorkflowWasTerminatedIsStartedAgainByTheSweeperAndItsKeyMovesOn() {
    subscribe("/swept", "petition.completed");
    api.post(events, "{\"id\":\"evt_swept\",\"type\":\"petition.completed\",\"delay\":\"PT1H\",\"orderingKey\":\"p/1\"}");
    String workflowId = "domain-event/" + orgId + "/evt_swept";
    // its start is marked in the next batch of marks (the sweeper leaves unmarked ones to the relay)
    Eventually.await(
        () -> dsl.fetchCount(DOMAIN_EVENTS, DOMAIN_EVENTS.ORG_ID.eq(orgId), DOMAIN_EVENTS.WORKFLOW_STARTED_AT.isNotNull()),
        n -> n == 1,
        Duration.ofSeconds(10));
    awaitWaitingForItsTime(workflowId);
    client.newUntypedWorkflowStub(workflowId).terminate("an operator's mistake");
    // as it would stand had it been terminated while under way, an hour ago
    dsl.update(DOMAIN_EVENTS)
        .set(DOMAIN_EVENTS.STATUS, "PROCESSING")
        .set(DOMAIN_EVENTS.PROCESS_AT, (java.time.OffsetDateTime) null)
        .set(DOMAIN_EVENTS.CREATED_AT, java.time.OffsetDateTime.now().minusHours(1))
        .where(DOMAIN_EVENTS.ORG_ID.eq(orgId).and(DOMAIN_EVENTS.EXTERNAL_ID.eq("evt_swept")))
        .execute();
    api.post(events, "{\"id\":\"evt_behind\",\"type\":\"petition.completed\",\"orderingKey\":\"p/1\"}");

    assertThat(sweeper.sweep()).isGreaterThanOrEqualTo(1);

    awaitEvent("evt_swept", "PROCESSED");
    awaitEvent("evt_behind", "PROCESSED");
    assertThat(sweeper.sweep()).as("nothing left to start").isZero();
  }

  /**
   * Until the delayed event's workflow waits on its timer: its first step (which writes the row's
   * status) is done, so it cannot overwrite the row after the test terminates the workflow.
   */
  private void awaitWaitingForItsTime(String workflowId) {
    Eventually.await(
        () -> client.fetchHistory(workflowId).getEvents().stream()
            .anyMatch(e -> e.getEventType() == EventType.EVENT_TYPE_TIMER_STARTED),
        started -> started,
        Duration.ofSeconds(10));
  }

  /** An event of {@code key} under way for an hour whose workflow is gone: its key is stalled. */
  private void stalledHead(String eventId, String key) {
    api.post(events, "{\"id\":\"" + eventId + "\",\"type\":\"petition.completed\",\"delay\":\"PT1H\",\"orderingKey\":\"" + key + "\"}");
    Eventually.await(
        () -> dsl.fetchCount(DOMAIN_EVENTS, DOMAIN_EVENTS.EXTERNAL_ID.eq(eventId), DOMAIN_EVENTS.WORKFLOW_STARTED_AT.isNotNull()),
        n -> n == 1,
        Duration.ofSeconds(10));
    awaitWaitingForItsTime("domain-event/" + orgId + "/" + eventId);
    client.newUntypedWorkflowStub("domain-event/" + orgId + "/" + eventId).terminate("an operator's mistake");
    dsl.update(DOMAIN_EVENTS)
        .set(DOMAIN_EVENTS.STATUS, "PROCESSING")
        .set(DOMAIN_EVENTS.PROCESS_AT, (java.time.OffsetDateTime) null)
        .set(DOMAIN_EVENTS.CREATED_AT, java.time.OffsetDateTime.now().minusHours(1))
        .where(DOMAIN_EVENTS.ORG_ID.eq(orgId).and(DOMAIN_EVENTS.EXTERNAL_ID.eq(eventId)))
        .execute();
  }

  @Test
  void operatorsSeeStalledKeysWithTheirHeadAndTheAdminReleasesOneAudited() {
    stalledHead("evt_stuck", "contract/c-1");
    api.post(events, "{\"id\":\"evt_queued\",\"type\":\"petition.completed\",\"orderingKey\":\"contract/c-1\"}");
    api.post(events, "{\"id\":\"evt_fine\",\"type\":\"petition.completed\",\"orderingKey\":\"contract/c-2\"}");
    awaitEvent("evt_fine", "PROCESSED");

    JsonNode stalled = api.get("/api/orgs/" + orgId + "/ordering-keys?stalled=true").body();
    assertThat(stalled.get("items")).singleElement().satisfies(k -> {
      assertThat(k.get("key").asString()).isEqualTo("contract/c-1");
      assertThat(k.get("headEventId").asString()).isEqualTo("evt_stuck");
      assertThat(k.get("underWay").asInt()).isEqualTo(2);
    });
    assertThat(api.get("/api/orgs/" + orgId + "/ordering-keys?stalled=true&olderThan=PT2H").body().get("items")).isEmpty();
    api.get("/api/orgs/" + orgId + "/ordering-keys?olderThan=soon").assertProblem(400, "olderThan");
    Api other = admin.newOrganization("org-" + System.nanoTime());
    other.get("/api/orgs/" + orgId + "/ordering-keys?stalled=true").assertProblem(404, null);

    String release = "/api/orgs/" + orgId + "/ordering-keys/release";
    api.post(release, "{\"key\":\"contract/c-1\"}").assertProblem(403, null);
    admin.post(release, "{\"key\":\"has space\"}").assertProblem(400, "key");
    Api.Response released = admin.post(release, "{\"key\":\"contract/c-1\"}");

    assertThat(released.status()).isEqualTo(200);
    assertThat(released.body().get("releasedEventId").asString()).isEqualTo("evt_stuck");
    assertThat(released.body().get("nextEventId").asString()).isEqualTo("evt_queued");
    awaitEvent("evt_queued", "PROCESSED");
    assertThat(api.get(events + "/evt_stuck").body().get("status").asString()).isEqualTo("FAILED");
    assertThat(dsl.fetchCount(AUDIT_LOG, AUDIT_LOG.ORG_ID.eq(orgId), AUDIT_LOG.ACTION.eq("ordering-key.head-released"),
        AUDIT_LOG.ENTITY_ID.eq("evt_stuck"), AUDIT_LOG.ACTOR.eq("admin"))).isEqualTo(1);
    admin.post(release, "{\"key\":\"contract/c-1\"}").assertProblem(404, null);
  }

  @Test
  void aDelayedEventIsScheduledThenProcessedAtItsTime() {
    subscribe("/later", "petition.completed");

    Api.Response published = api.post(events, "{\"id\":\"evt_later\",\"type\":\"petition.completed\",\"delay\":\"PT2S\"}");

    assertThat(published.status()).isEqualTo(202);
    assertThat(published.body().get("status").asString()).isEqualTo("SCHEDULED");
    assertThat(published.body().get("deliveryIds")).isEmpty();
    Instant processAt = Instant.parse(published.body().get("processAt").asString());
    JsonNode scheduled = api.get(events + "/evt_later").body();
    assertThat(scheduled.get("status").asString()).isEqualTo("SCHEDULED");
    assertThat(scheduled.get("handlers").findValuesAsString("status")).containsOnly("PENDING");

    JsonNode processed = awaitEvent("evt_later", "PROCESSED");
    assertThat(Instant.parse(processed.get("processedAt").asString())).isAfterOrEqualTo(processAt);
    assertThat(processed.get("deliveryIds")).hasSize(1);
    assertThat(receiver.received).hasSize(1);
  }

  @Test
  void aScheduledEventCanBeCancelledUntilItsTimeAndNotAfter() {
    subscribe("/never", "petition.completed");
    api.post(events, "{\"id\":\"evt_cancel\",\"type\":\"petition.completed\",\"processAt\":\""
        + Instant.now().plus(Duration.ofHours(1)) + "\"}");
    api.post(events, "{\"id\":\"evt_done\",\"type\":\"petition.completed\"}");
    awaitEvent("evt_done", "PROCESSED");

    Api.Response cancelled = api.delete(events + "/evt_cancel");

    assertThat(cancelled.status()).isEqualTo(200);
    assertThat(cancelled.body().get("status").asString()).isEqualTo("CANCELLED");
    assertThat(api.delete(events + "/evt_cancel").status()).isEqualTo(409);
    assertThat(api.delete(events + "/evt_done").status()).isEqualTo(409);
    // its workflow ends at once instead of waiting an hour
    Eventually.await(
        () -> client.newUntypedWorkflowStub(DomainEventWorkflow.workflowId(orgId, "evt_cancel")).describe().getStatus().name(),
        "WORKFLOW_EXECUTION_STATUS_COMPLETED"::equals, Duration.ofSeconds(20));
    assertThat(receiver.received).hasSize(1);
  }

  @Test
  void eventsWithAnOrderingKeyAreProcessedOneAtATimeInTheOrderTheyWereAccepted() {
    receiver.delay(150);
    subscribe("/ordered", "petition.completed");

    for (int i = 0; i < 6; i++) {
      // two keys, interleaved
      String key = i % 2 == 0 ? "petition/p1" : "petition/p2";
      assertThat(api.post(events, "{\"id\":\"evt_o" + i + "\",\"type\":\"petition.completed\",\"orderingKey\":\"" + key
          + "\",\"data\":{\"petitionId\":\"p" + i + "\"}}").status()).isEqualTo(202);
    }

    for (int i = 0; i < 6; i++) {
      awaitEvent("evt_o" + i, "PROCESSED");
    }
    List<String> p1 = new ArrayList<>();
    List<String> p2 = new ArrayList<>();
    for (WebhookReceiver.Received r : receiver.received) {
      String id = r.body().replaceAll(".*\"id\":\"(evt_o\\d)\".*", "$1");
      (Integer.parseInt(id.substring(5)) % 2 == 0 ? p1 : p2).add(id);
    }
    assertThat(p1).containsExactly("evt_o0", "evt_o2", "evt_o4");
    assertThat(p2).containsExactly("evt_o1", "evt_o3", "evt_o5");
  }

  @Test
  void aNormalEventIsNotHeldBackByABacklogOfLowPriorityOnes() {
    // 500 ms per request: the backlog takes 30 s at two at a time, so publishing 120 events (a few
    // seconds on a busy machine) does not drain half of it before the normal one is even published
    receiver.delay(500);
    subscribe("/all", "petition.completed", "contact.created");
    for (int i = 0; i < 120; i++) {
      assertThat(api.post(events, "{\"id\":\"evt_low" + i + "\",\"type\":\"contact.created\"}").status()).isEqualTo(202);
    }

    Api.Response normal = api.post(events, "{\"id\":\"evt_normal\",\"type\":\"petition.completed\"}");
    awaitEvent("evt_normal", "PROCESSED");

    // Two low-priority handlers at a time against a receiver taking 500 ms: most of the backlog waits.
    int lowDone =
        dsl.fetchCount(DOMAIN_EVENTS, DOMAIN_EVENTS.ORG_ID.eq(orgId).and(DOMAIN_EVENTS.TYPE.eq("contact.created"))
            .and(DOMAIN_EVENTS.STATUS.eq("PROCESSED")));
    assertThat(lowDone).isLessThan(60);
    assertThat(normal.status()).isEqualTo(202);
    assertThat(client.fetchHistory(DomainEventWorkflow.workflowId(orgId, "evt_low0")).getEvents().get(0)
            .getWorkflowExecutionStartedEventAttributes().getTaskQueue().getName())
        .isEqualTo("events-low-priority");
    assertThat(api.get("/api/event-types").body().get("items").toString()).contains("\"type\":\"contact.created\",\"description\"");
  }

  @Test
  void anotherOrganizationCannotReadListOrCancelAnEvent() {
    api.post(events, "{\"id\":\"evt_private\",\"type\":\"petition.completed\",\"delay\":\"PT1H\"}");
    String other = "org-other-" + System.nanoTime();
    Api otherApi = admin.newOrganization(other);
    Api otherKey = admin.withToken(admin.newKey(other));

    assertThat(otherKey.get(events + "/evt_private").status()).isEqualTo(404);
    assertThat(otherKey.get(events).status()).isEqualTo(404);
    assertThat(otherKey.delete(events + "/evt_private").status()).isEqualTo(404);
    assertThat(otherKey.get("/api/orgs/" + other + "/events/evt_private").status()).isEqualTo(404);
    assertThat(otherApi.delete("/api/orgs/" + other + "/events/evt_private").status()).isEqualTo(404);
    assertThat(api.get(events + "/evt_private").body().get("status").asString()).isEqualTo("SCHEDULED");
  }
}
