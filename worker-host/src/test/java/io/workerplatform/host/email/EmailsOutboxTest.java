package io.workerplatform.host.email;

import static io.workerplatform.db.Tables.EMAIL_MESSAGES;
import static io.workerplatform.db.Tables.EMAIL_REQUESTS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.temporal.client.WorkflowClient;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.workerplatform.email.SesLocalServer;
import io.workerplatform.host.relay.StartRelay;
import io.workerplatform.host.support.Api;
import io.workerplatform.host.support.Eventually;
import io.workerplatform.host.support.FreePort;
import io.workerplatform.host.support.HostTest;
import io.workerplatform.host.support.LocalSes;
import io.workerplatform.starters.EmailWorkflows;
import io.workerplatform.starters.Emails;
import io.workerplatform.starters.Emails.Email;
import io.workerplatform.starters.Emails.To;
import java.time.Duration;
import java.util.Map;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * The starters' {@link Emails} as an API application uses it (the old {@code enqueueEmail}), on
 * the host's DataSource and transactions: an email exists if and only if the caller commits, is
 * sent after the commit, and the relay sends one whose start was lost.
 */
@HostTest
class EmailsOutboxTest {
  private static final SesLocalServer ses = SesLocalServer.start();

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    LocalSes.register(registry, ses);
    registry.add("platform.relay.interval", () -> "1h");
    registry.add("platform.relay.grace", () -> "0s");
  }

  @LocalServerPort int port;
  @Autowired DSLContext dsl;
  @Value("${platform.db.schema}") String schema;
  @Autowired Emails emails;
  @Autowired DataSource dataSource;
  @Autowired PlatformTransactionManager transactions;
  @Autowired StartRelay relay;
  private final JsonMapper json = JsonMapper.builder().build();
  private Api api;
  private String orgId;

  @BeforeEach
  void organization() {
    orgId = "org-" + System.nanoTime();
    api = Api.admin(port).newOrganization(orgId);
  }

  @AfterAll
  static void stop() throws Exception {
    ses.close();
  }

  private Email alert(String address, String key) {
    return new Email(orgId, To.address(address), "compliance-alert", Map.of("level", "RED", "score", 42), key);
  }

  private void awaitSent(String id) {
    Eventually.await(() -> api.get("/api/orgs/" + orgId + "/emails/" + id).body(),
        b -> "SENT".equals(b.path("status").asString()), Duration.ofSeconds(20));
  }

  @Test
  void anEmailSentInATransactionThatCommitsGoesOutOnceAfterTheCommit() {
    String address = "commit-" + orgId + "@example.com";
    Emails.Sent sent = new TransactionTemplate(transactions).execute(tx -> {
      Emails.Sent s = emails.send(alert(address, "level-red"));
      assertThat(dsl.fetchCount(EMAIL_REQUESTS, EMAIL_REQUESTS.ID.eq(s.id()))).isZero(); // not committed yet
      return s;
    });
    Emails.Sent again = emails.send(alert(address, "level-red"));

    awaitSent(sent.id());
    assertThat(sent.created()).isTrue();
    assertThat(again).isEqualTo(new Emails.Sent(sent.id(), false));
    assertThat(ses.emailsTo(address)).hasSize(1);
    assertThat(ses.emailsTo(address).getFirst().subject()).isEqualTo("Acme: compliance level RED (score 42)");
  }

  @Test
  void anEmailOfATransactionThatRollsBackDoesNotExist() throws InterruptedException {
    assertThatThrownBy(() -> new TransactionTemplate(transactions).executeWithoutResult(tx -> {
      emails.send(alert("rollback@example.com", "rolled-back"));
      throw new IllegalStateException("the caller's change failed");
    })).hasMessage("the caller's change failed");

    Thread.sleep(500);
    assertThat(dsl.fetchCount(EMAIL_MESSAGES, EMAIL_MESSAGES.ORG_ID.eq(orgId))).isZero();
    assertThat(ses.emailsTo("rollback@example.com")).isEmpty();
  }

  @Test
  void anEmailWhoseStartWasLostAfterTheCommitIsSentByTheRelay() {
    WorkflowServiceStubs nowhere = WorkflowServiceStubs.newServiceStubs(
        WorkflowServiceStubsOptions.newBuilder().setTarget("127.0.0.1:" + FreePort.find())
            .setRpcTimeout(Duration.ofSeconds(1)).build());
    Emails.Sent sent;
    try {
      Emails crashing = new Emails(JdbcClient.create(dataSource), schema,
          new EmailWorkflows(WorkflowClient.newInstance(nowhere)), json);
      sent = new TransactionTemplate(transactions).execute(tx -> crashing.send(alert("relayed-" + orgId + "@example.com", null)));
    } finally {
      nowhere.shutdownNow();
    }
    assertThat(dsl.fetchValue(EMAIL_REQUESTS.WORKFLOW_STARTED_AT, EMAIL_REQUESTS.ID.eq(sent.id()))).isNull();
    assertThat(api.get("/api/orgs/" + orgId + "/emails/" + sent.id()).body().get("status").asString()).isEqualTo("QUEUED");

    relay.relay();

    awaitSent(sent.id());
    assertThat(ses.emailsTo("relayed-" + orgId + "@example.com")).hasSize(1);
  }

  @Test
  void aMalformedEmailIsRefusedNamingTheFieldAndNothingIsWritten() {
    Map<String, Email> cases = Map.of(
        "to", new Email(orgId, new To("c1", null, "a@example.com"), "compliance-alert", null, null),
        "to.address", new Email(orgId, To.address("no address"), "compliance-alert", null, null),
        "template", new Email(orgId, To.address("a@example.com"), "../etc", null, null),
        "dedupeKey", new Email(orgId, To.address("a@example.com"), "compliance-alert", null, "has space"),
        "data", new Email(orgId, To.address("a@example.com"), "compliance-alert", Map.of("x", "y".repeat(17_000)), null),
        "orgId", new Email(null, To.address("a@example.com"), "compliance-alert", null, null));

    cases.forEach((field, email) -> assertThatThrownBy(() -> emails.send(email)).as(field)
        .isInstanceOfSatisfying(Emails.InvalidEmailException.class, e -> assertThat(e.field()).isEqualTo(field)));
    assertThat(dsl.fetchCount(EMAIL_MESSAGES, EMAIL_MESSAGES.ORG_ID.eq(orgId))).isZero();
  }
}
