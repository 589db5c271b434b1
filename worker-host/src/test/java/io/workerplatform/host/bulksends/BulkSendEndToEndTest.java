package io.workerplatform.host.bulksends;

import static io.workerplatform.db.Tables.BULK_SENDS;
import static io.workerplatform.db.Tables.CONTACTS;
import static io.workerplatform.db.Tables.EMAIL_MESSAGES;
import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.client.WorkflowClient;
import io.workerplatform.bulksends.BulkSendWorkflow;
import io.workerplatform.email.SesLocalServer;
import io.workerplatform.email.SesLocalServer.ReceivedEmail;
import io.workerplatform.email.SuppressionList;
import io.workerplatform.host.relay.StalledWorkSweeper;
import io.workerplatform.host.support.Api;
import io.workerplatform.host.support.LocalSes;
import io.workerplatform.host.support.Eventually;
import io.workerplatform.host.support.HostTest;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The worker host in embedded mode, the local PostgreSQL and the local SES v2 server: contacts,
 * a petition and a bulk send through the REST API, read back at the SES server and in the rows.
 */
@HostTest
class BulkSendEndToEndTest {
  private static final SesLocalServer ses = SesLocalServer.start();

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    LocalSes.register(registry, ses);
    registry.add("platform.email.max-per-second", () -> 5000);
    registry.add("platform.email.allow-list", () -> "*@example.com");
    registry.add("platform.bulk-send.page-size", () -> 100);
  }

  @LocalServerPort int port;
  @Autowired DSLContext dsl;
  @Autowired SuppressionList suppressions;
  private Api api;
  private String orgId;

  @BeforeEach
  void createOrganization() {
    orgId = "org-" + System.nanoTime();
    api = Api.admin(port).newOrganization(orgId);
  }

  @AfterAll
  static void stop() throws Exception {
    ses.close();
  }

  private List<String> createContacts(List<String> emails) {
    String body =
        emails.stream()
            .map(e -> "{\"email\":\"" + e + "\",\"name\":\"Person " + e.substring(0, e.indexOf('@')) + "\"}")
            .collect(Collectors.joining(",", "{\"contacts\":[", "]}"));
    Api.Response created = api.post("/api/orgs/" + orgId + "/contacts", body);
    assertThat(created.status()).isEqualTo(201);
    List<String> ids = new ArrayList<>();
    created.body().get("ids").forEach(id -> ids.add(id.asString()));
    return ids;
  }

  private String createPetition() {
    Api.Response petition = api.post("/api/orgs/" + orgId + "/petitions", "{\"title\":\"Clean rivers\"}");
    assertThat(petition.status()).isEqualTo(201);
    return petition.body().get("id").asString();
  }

  private JsonNode awaitStatus(String id, String status, Duration timeout) {
    return Eventually.await(
        () -> api.get("/api/orgs/" + orgId + "/bulk-sends/" + id).body(), b -> status.equals(b.path("status").asString()), timeout);
  }

  @Test
  void everyAllowedContactReceivesExactlyOneEmail() {
    String tag = orgId.substring(4);
    List<String> allowed = IntStream.range(0, 1900).mapToObj(i -> "a" + i + "-" + tag + "@example.com").toList();
    List<String> notAllowed = IntStream.range(0, 100).mapToObj(i -> "n" + i + "-" + tag + "@elsewhere.example").toList();
    List<String> all = new ArrayList<>(allowed);
    all.addAll(notAllowed);
    createContacts(all);
    List<String> suppressed = allowed.subList(0, 10);
    suppressed.forEach(a -> suppressions.add(a, "bounce"));
    String petitionId = createPetition();

    Api.Response started =
        api.post(
            "/api/orgs/" + orgId + "/bulk-sends",
            "{\"petitionId\":\"" + petitionId + "\",\"template\":\"petition-invite\",\"allContacts\":true}");
    assertThat(started.status()).isEqualTo(202);
    String id = started.body().get("id").asString();

    JsonNode done = awaitStatus(id, "COMPLETED", Duration.ofMinutes(3));
    assertThat(done.get("total").asInt()).isEqualTo(2000);
    assertThat(done.get("sent").asInt()).isEqualTo(1890);
    assertThat(done.get("suppressed").asInt()).isEqualTo(10);
    assertThat(done.get("skipped").asInt()).isEqualTo(100);
    assertThat(done.get("failed").asInt()).isZero();

    Map<String, Long> perAddress =
        ses.emails().stream()
            .filter(e -> e.to().get(0).contains("-" + tag + "@"))
            .collect(Collectors.groupingBy(e -> e.to().get(0), Collectors.counting()));
    assertThat(perAddress.keySet()).containsExactlyInAnyOrderElementsOf(allowed.subList(10, 1900));
    assertThat(perAddress.values()).containsOnly(1L);
    ReceivedEmail one = ses.emailsTo(allowed.get(42)).get(0);
    assertThat(one.subject()).isEqualTo("Acme invites you to sign \"Clean rivers\"");
    assertThat(one.text()).contains("Hello Person a42-" + tag + ",");

    Map<String, Integer> rows =
        dsl.select(EMAIL_MESSAGES.STATE, DSL.count())
            .from(EMAIL_MESSAGES)
            .where(EMAIL_MESSAGES.BULK_SEND_ID.eq(id))
            .groupBy(EMAIL_MESSAGES.STATE)
            .fetchMap(EMAIL_MESSAGES.STATE, DSL.count());
    assertThat(rows).isEqualTo(Map.of("SENT", 1890, "SUPPRESSED", 10, "SKIPPED_NOT_ALLOWED", 100));
    Map<String, String> messageIdByAddress =
        ses.emails().stream().collect(Collectors.toMap(e -> e.to().get(0), ReceivedEmail::messageId, (a, b) -> a));
    String contactOf42 =
        dsl.select(CONTACTS.ID).from(CONTACTS).where(CONTACTS.EMAIL.eq(allowed.get(42))).fetchSingle(CONTACTS.ID);
    assertThat(
            dsl.select(EMAIL_MESSAGES.SES_MESSAGE_ID)
                .from(EMAIL_MESSAGES)
                .where(EMAIL_MESSAGES.DEDUPE_KEY.eq("bulk-send/" + id + "/recipient/" + contactOf42))
                .fetchSingle(EMAIL_MESSAGES.SES_MESSAGE_ID))
        .isEqualTo(messageIdByAddress.get(allowed.get(42)));
  }

  @Test
  void aScheduledBulkSendSendsAtItsTimeAndOneCancelledBeforeItNever() {
    String tag = orgId.substring(4);
    List<String> emails = IntStream.range(0, 3).mapToObj(i -> "s" + i + "-" + tag + "@example.com").toList();
    createContacts(emails);
    String petitionId = createPetition();
    String body = "{\"petitionId\":\"" + petitionId + "\",\"template\":\"petition-invite\",\"allContacts\":true,";

    Api.Response soon = api.post("/api/orgs/" + orgId + "/bulk-sends", body + "\"delay\":\"PT3S\"}");
    Api.Response later = api.post("/api/orgs/" + orgId + "/bulk-sends", body + "\"delay\":\"PT1H\"}");

    assertThat(soon.status()).isEqualTo(202);
    java.time.Instant sendAt = java.time.Instant.parse(soon.body().get("sendAt").asString());
    String soonId = soon.body().get("id").asString();
    String laterId = later.body().get("id").asString();
    assertThat(api.get("/api/orgs/" + orgId + "/bulk-sends/" + soonId).body().get("status").asString()).isEqualTo("SCHEDULED");
    assertThat(api.post("/api/orgs/" + orgId + "/bulk-sends/" + laterId + "/cancel", "").status()).isEqualTo(202);
    awaitStatus(laterId, "CANCELLED", Duration.ofSeconds(20));

    JsonNode done = awaitStatus(soonId, "COMPLETED", Duration.ofSeconds(60));
    assertThat(done.get("sent").asInt()).isEqualTo(3);
    assertThat(java.time.Instant.now()).isAfter(sendAt);
    assertThat(ses.emails().stream().filter(e -> e.to().get(0).contains("-" + tag + "@")).count()).isEqualTo(3);
    assertThat(api.get("/api/orgs/" + orgId + "/bulk-sends?status=CANCELLED").body().get("items").toString()).contains(laterId);
  }

  @Autowired StalledWorkSweeper sweeper;
  @Autowired WorkflowClient temporal;

  @Test
  void aBulkSendWhoseWorkflowWasTerminatedIsStartedAgainByTheSweeperAndSendsEachMessageOnce() {
    String tag = orgId.substring(4);
    List<String> emails = IntStream.range(0, 3).mapToObj(i -> "w" + i + "-" + tag + "@example.com").toList();
    createContacts(emails);
    String body = "{\"petitionId\":\"" + createPetition() + "\",\"template\":\"petition-invite\",\"allContacts\":true,";
    String id = api.post("/api/orgs/" + orgId + "/bulk-sends", body + "\"delay\":\"PT1H\"}").body().get("id").asString();
    Eventually.await(
        () -> dsl.fetchValue(BULK_SENDS.WORKFLOW_STARTED_AT, BULK_SENDS.ID.eq(id)), started -> started != null,
        Duration.ofSeconds(10));
    temporal.newUntypedWorkflowStub(BulkSendWorkflow.workflowId(id)).terminate("an operator's mistake");
    // as it would stand had it been terminated an hour into its run, its time come
    dsl.update(BULK_SENDS)
        .set(BULK_SENDS.CREATED_AT, OffsetDateTime.now().minusHours(1))
        .set(BULK_SENDS.SEND_AT, OffsetDateTime.now().minusMinutes(1))
        .where(BULK_SENDS.ID.eq(id))
        .execute();

    assertThat(sweeper.sweep()).isGreaterThanOrEqualTo(1);

    JsonNode done = awaitStatus(id, "COMPLETED", Duration.ofSeconds(60));
    assertThat(done.get("sent").asInt()).isEqualTo(3);
    assertThat(ses.emails().stream().filter(e -> e.to().get(0).contains("-" + tag + "@")).map(e -> e.to().get(0)))
        .containsExactlyInAnyOrderElementsOf(emails);
    assertThat(sweeper.sweep()).as("nothing left to start").isZero();
  }

  @Test
  void anInvalidContactRejectsTheWholeRequestNamingItsIndex() {
    int before = dsl.fetchCount(CONTACTS, CONTACTS.ORG_ID.eq(orgId));

    Api.Response response =
        api.post(
            "/api/orgs/" + orgId + "/contacts",
            "{\"contacts\":[{\"email\":\"ok@example.com\"},{\"email\":\"not an address\"}]}");

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.contentType()).startsWith("application/problem+json");
    assertThat(response.body().get("field").asString()).isEqualTo("contacts[1].email");
    assertThat(dsl.fetchCount(CONTACTS, CONTACTS.ORG_ID.eq(orgId))).isEqualTo(before);
  }

  @Test
  void badBulkSendsAreRejectedNamingTheField() {
    String petitionId = createPetition();
    String contact = createContacts(List.of("x-" + orgId + "@example.com")).get(0);
    Function<String, JsonNode> rejected =
        body -> {
          Api.Response r = api.post("/api/orgs/" + orgId + "/bulk-sends", body);
          assertThat(r.status()).isEqualTo(400);
          return r.body();
        };

    assertThat(rejected.apply("{\"petitionId\":\"" + petitionId + "\",\"template\":\"nope\",\"allContacts\":true}").get("field").asString())
        .isEqualTo("template");
    assertThat(rejected.apply("{\"petitionId\":\"pet_unknown\",\"template\":\"petition-invite\",\"allContacts\":true}").get("field").asString())
        .isEqualTo("petitionId");
    assertThat(
            rejected.apply(
                    "{\"petitionId\":\"" + petitionId + "\",\"template\":\"petition-invite\",\"contactIds\":[\""
                        + contact + "\",\"con_other\"]}")
                .get("field")
                .asString())
        .isEqualTo("contactIds[1]");
    assertThat(rejected.apply("{\"petitionId\":\"" + petitionId + "\",\"template\":\"petition-invite\"}").get("field").asString())
        .isEqualTo("contactIds");
    assertThat(api.get("/api/orgs/" + orgId + "/bulk-sends/bs_unknown").status()).isEqualTo(404);
  }
}
