package io.workerplatform.host.email;

import static io.workerplatform.db.Tables.EMAIL_MESSAGES;
import static io.workerplatform.db.Tables.EMAIL_REQUESTS;
import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.client.WorkflowClient;
import io.workerplatform.email.EmailWorkflow;
import io.workerplatform.email.SesLocalServer;
import io.workerplatform.email.SesLocalServer.ReceivedEmail;
import io.workerplatform.host.support.Api;
import io.workerplatform.host.support.Eventually;
import io.workerplatform.host.support.Histories;
import io.workerplatform.host.support.HostTest;
import io.workerplatform.host.support.LocalSes;
import java.time.Duration;
import java.util.List;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/** The application's own emails through the REST API with an organization's key, sent to the local SES server. */
@HostTest
class EmailsEndToEndTest {
  private static final SesLocalServer ses = SesLocalServer.start();

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    LocalSes.register(registry, ses);
    registry.add("platform.email.rate", () -> "1000/s");
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
    base = "/api/orgs/" + orgId + "/emails";
  }

  @AfterAll
  static void stop() throws Exception {
    ses.close();
  }

  private JsonNode awaitStatus(String id, String status) {
    return Eventually.await(
        () -> api.get(base + "/" + id).body(), email -> status.equals(email.get("status").asString()),
        Duration.ofSeconds(30));
  }

  @Test
  void anEmailToAnAddressIsQueuedThenSentWithTheTemplateAndItsData() {
    String address = "filing-" + System.nanoTime() + "@example.com";
    Api.Response accepted = api.post(base, """
        {"to": {"address": "%s"}, "template": "filing-reminder",
         "data": {"title": "VAT Q4", "dueDate": "2027-01-10", "daysLeft": 3, "urgency": "URGENT"},
         "dedupeKey": "vat-q4-reminder"}""".formatted(address));

    assertThat(accepted.status()).isEqualTo(202);
    String id = accepted.body().get("id").asString();
    assertThat(accepted.header("Location")).isEqualTo(base + "/" + id);
    assertThat(accepted.body().get("status").asString()).isEqualTo("QUEUED");
    assertThat(accepted.body().get("deduplicated").asBoolean()).isFalse();
    assertThat(accepted.body().get("workflowId").asString()).isEqualTo("email/" + id);
    JsonNode sent = awaitStatus(id, "SENT");
    assertThat(sent.get("inDoubt").asBoolean()).isFalse();
    assertThat(sent.get("template").asString()).isEqualTo("filing-reminder");
    assertThat(sent.get("address").asString()).isEqualTo(address);
    assertThat(sent.get("dedupeKey").asString()).isEqualTo("vat-q4-reminder");
    ReceivedEmail email = ses.emailsTo(address).getFirst();
    assertThat(email.subject()).isEqualTo("Acme: VAT Q4 is due on 2027-01-10 (URGENT)");
    assertThat(email.text()).contains("\"VAT Q4\" is due on 2027-01-10, in 3 days.");
    // the workflow's history holds ids only
    String history = Histories.allRuns(temporal, EmailWorkflow.workflowId(id)).getFirst();
    assertThat(history).contains(id).doesNotContain(address).doesNotContain("VAT Q4");
  }

  @Test
  void theSameDedupeKeySendsOnceAndAnswersTheFirstEmail() {
    String contact = api.post("/api/orgs/" + orgId + "/contacts",
        "{\"contacts\":[{\"email\":\"c-" + orgId + "@example.com\",\"name\":\"Cleo\"}]}").body().get("ids").get(0).asString();
    String body = "{\"to\":{\"contactId\":\"" + contact + "\"},\"template\":\"document-expiry\","
        + "\"data\":{\"documentType\":\"passport\",\"expiresAt\":\"2027-02-01\"},\"dedupeKey\":\"passport-2027\"}";

    Api.Response first = api.post(base, body);
    Api.Response again = api.post(base, body);

    assertThat(again.status()).isEqualTo(202);
    assertThat(again.body().get("id").asString()).isEqualTo(first.body().get("id").asString());
    assertThat(again.body().get("deduplicated").asBoolean()).isTrue();
    awaitStatus(first.body().get("id").asString(), "SENT");
    ReceivedEmail email = ses.emailsTo("c-" + orgId + "@example.com").getFirst();
    assertThat(email.text()).startsWith("Hello Cleo,");
    assertThat(ses.emailsTo("c-" + orgId + "@example.com")).hasSize(1);
    assertThat(dsl.fetchCount(EMAIL_REQUESTS, EMAIL_REQUESTS.ORG_ID.eq(orgId))).isEqualTo(1);
  }

  @Test
  void anIdempotencyKeyReplaysTheAnswer() {
    String body = "{\"to\":{\"address\":\"idem@example.com\"},\"template\":\"compliance-alert\",\"data\":{\"level\":\"RED\"}}";

    Api.Response first = api.post(base, body, "email-key-" + orgId);
    Api.Response replayed = api.post(base, body, "email-key-" + orgId);

    assertThat(replayed.status()).isEqualTo(202);
    assertThat(replayed.header("Idempotent-Replayed")).isEqualTo("true");
    assertThat(replayed.body().get("id").asString()).isEqualTo(first.body().get("id").asString());
    assertThat(dsl.fetchCount(EMAIL_REQUESTS, EMAIL_REQUESTS.ORG_ID.eq(orgId))).isEqualTo(1);
  }

  @Test
  void badRequestsNameTheFieldAndWriteNothing() {
    String otherOrg = "other-" + System.nanoTime();
    Api other = Api.admin(port).newOrganization(otherOrg);
    String theirContact = other.post("/api/orgs/" + otherOrg + "/contacts",
        "{\"contacts\":[{\"email\":\"theirs@example.com\"}]}").body().get("ids").get(0).asString();
    List<String[]> cases = List.of(
        new String[] {"{\"template\":\"document-expiry\"}", "to"},
        new String[] {"{\"to\":{\"address\":\"a@example.com\",\"memberId\":\"m1\"},\"template\":\"document-expiry\"}", "to"},
        new String[] {"{\"to\":{\"address\":\"not an address\"},\"template\":\"document-expiry\"}", "to.address"},
        new String[] {"{\"to\":{\"contactId\":\"" + theirContact + "\"},\"template\":\"document-expiry\"}", "to.contactId"},
        new String[] {"{\"to\":{\"memberId\":\"mem_nobody\"},\"template\":\"document-expiry\"}", "to.memberId"},
        new String[] {"{\"to\":{\"address\":\"a@example.com\"},\"template\":\"no-such-template\"}", "template"},
        new String[] {"{\"to\":{\"address\":\"a@example.com\"},\"template\":\"../member-digest\"}", "template"},
        new String[] {"{\"to\":{\"address\":\"a@example.com\"},\"template\":\"document-expiry\",\"data\":[1]}", "data"},
        new String[] {"{\"to\":{\"address\":\"a@example.com\"},\"template\":\"document-expiry\",\"data\":{\"x\":\""
            + "y".repeat(17_000) + "\"}}", "data"},
        new String[] {"{\"to\":{\"address\":\"a@example.com\"},\"template\":\"document-expiry\",\"dedupeKey\":\"a b\"}",
            "dedupeKey"});

    for (String[] c : cases) {
      api.post(base, c[0]).assertProblem(400, c[1]);
    }
    assertThat(dsl.fetchCount(EMAIL_REQUESTS, EMAIL_REQUESTS.ORG_ID.eq(orgId))).isZero();
    assertThat(dsl.fetchCount(EMAIL_MESSAGES, EMAIL_MESSAGES.ORG_ID.eq(orgId))).isZero();
  }

  @Test
  void anotherOrganizationsKeyFindsNoEmail() {
    String id = api.post(base, "{\"to\":{\"address\":\"mine@example.com\"},\"template\":\"document-expiry\"}")
        .body().get("id").asString();
    String otherOrg = "other-" + System.nanoTime();
    Api other = Api.admin(port).newOrganization(otherOrg);

    assertThat(other.get(base + "/" + id).status()).isEqualTo(404);
    assertThat(other.get("/api/orgs/" + otherOrg + "/emails/" + id).status()).isEqualTo(404);
    assertThat(other.post(base, "{\"to\":{\"address\":\"x@example.com\"},\"template\":\"document-expiry\"}").status())
        .isEqualTo(404);
  }

  @Test
  void aFailedEmailIsSentAgainUnderItsKeyAndASentOneIsNot() {
    String address = "retry-" + System.nanoTime() + "@example.com";
    String id = api.post(base, "{\"to\":{\"address\":\"" + address + "\"},\"template\":\"document-expiry\"}")
        .body().get("id").asString();
    awaitStatus(id, "SENT");
    api.post(base + "/" + id + "/retry", "").assertProblem(409, "id");
    // as if its sending had given up after a day of SES errors
    dsl.update(EMAIL_MESSAGES).set(EMAIL_MESSAGES.STATE, "FAILED")
        .set(EMAIL_MESSAGES.ERROR, "gave up after retrying for 24 hours")
        .where(EMAIL_MESSAGES.DEDUPE_KEY.eq("app/" + orgId + "/" + id)).execute();
    assertThat(api.get(base + "/" + id).body().get("reason").asString()).isEqualTo("gave up after retrying for 24 hours");

    Api.Response retried = api.post(base + "/" + id + "/retry", "");

    assertThat(retried.status()).isEqualTo(202);
    assertThat(retried.body().get("status").asString()).isEqualTo("QUEUED");
    JsonNode sent = awaitStatus(id, "SENT");
    assertThat(sent.get("reason").isNull()).isTrue();
    assertThat(ses.emailsTo(address)).hasSize(2); // the first send, and the new attempt
    assertThat(dsl.fetchValue(EMAIL_MESSAGES.SEND_ATTEMPTS, EMAIL_MESSAGES.DEDUPE_KEY.eq("app/" + orgId + "/" + id)))
        .isEqualTo(2);
    String otherOrg = "other-" + System.nanoTime();
    assertThat(Api.admin(port).newOrganization(otherOrg).post(base + "/" + id + "/retry", "").status()).isEqualTo(404);
  }
}
