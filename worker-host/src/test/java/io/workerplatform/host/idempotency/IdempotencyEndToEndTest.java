package io.workerplatform.host.idempotency;

import static io.workerplatform.db.Tables.BULK_SENDS;
import static io.workerplatform.db.Tables.IDEMPOTENCY_KEYS;
import static io.workerplatform.db.Tables.PETITIONS;
import static org.assertj.core.api.Assertions.assertThat;

import io.workerplatform.email.SesLocalServer;
import io.workerplatform.host.support.Api;
import io.workerplatform.host.support.Eventually;
import io.workerplatform.host.support.HostTest;
import io.workerplatform.host.support.LocalSes;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * {@code Idempotency-Key} on the creating routes, through the REST API of a host in embedded mode.
 * Faults are made by PostgreSQL triggers: one fails a bulk send's "started" mark after its commit
 * with a connection error (what a database dropping at that moment does), one holds a petition's
 * insert for a while.
 */
@HostTest
class IdempotencyEndToEndTest {
  private static final SesLocalServer ses = SesLocalServer.start();

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    LocalSes.register(registry, ses);
    registry.add("platform.email.max-per-second", () -> 1000);
    registry.add("platform.email.allow-list", () -> "*@example.com");
  }

  @LocalServerPort int port;
  @Autowired DSLContext dsl;
  @Value("${platform.db.schema}") String schema;
  private Api api;
  private String orgId;

  @BeforeEach
  void createOrganization() {
    orgId = "org-" + System.nanoTime();
    api = Api.admin(port).newOrganization(orgId);
  }

  @AfterEach
  void dropTriggers() {
    dsl.execute("drop trigger if exists fail_started_mark on " + schema + ".bulk_sends");
    dsl.execute("drop trigger if exists slow_petition on " + schema + ".petitions");
  }

  @AfterAll
  static void stop() throws Exception {
    ses.close();
  }

  private String petitions() {
    return "/api/orgs/" + orgId + "/petitions";
  }

  @Test
  void aBulkSendWhoseStartedMarkFailsAfterItsCommitIsCreatedOnceAndEveryRecipientGetsOneMessage() {
    String tag = orgId.substring(4);
    List<String> addresses = IntStream.range(0, 30).mapToObj(i -> "r" + i + "-" + tag + "@example.com").toList();
    String contacts =
        addresses.stream()
            .map(a -> "{\"email\":\"" + a + "\",\"name\":\"R\"}")
            .collect(Collectors.joining(",", "{\"contacts\":[", "]}"));
    assertThat(api.post("/api/orgs/" + orgId + "/contacts", contacts).status()).isEqualTo(201);
    String petitionId = api.post(petitions(), "{\"title\":\"Rivers\"}").body().get("id").asString();
    dsl.execute(
        """
        create or replace function %s.fail_started_mark() returns trigger language plpgsql as $$
        begin
          raise exception 'connection lost' using errcode = '08006';
        end $$""".formatted(schema));
    dsl.execute(
        """
        create trigger fail_started_mark before update of workflow_started_at on %1$s.bulk_sends
        for each row when (old.workflow_started_at is null and new.workflow_started_at is not null)
        execute function %1$s.fail_started_mark()""".formatted(schema));
    String body = "{\"petitionId\":\"" + petitionId + "\",\"template\":\"petition-invite\",\"allContacts\":true}";

    Api.Response first = api.post("/api/orgs/" + orgId + "/bulk-sends", body, "send-1");
    // The client did not see the answer (or got a 5xx) and retries with the same key.
    Api.Response retry = api.post("/api/orgs/" + orgId + "/bulk-sends", body, "send-1");

    assertThat(first.status()).isEqualTo(202);
    assertThat(first.body().get("start").asString()).isEqualTo("STARTED");
    assertThat(retry.status()).isEqualTo(202);
    assertThat(retry.body()).isEqualTo(first.body());
    assertThat(retry.header("Idempotent-Replayed")).isEqualTo("true");
    assertThat(dsl.fetchCount(BULK_SENDS, BULK_SENDS.ORG_ID.eq(orgId))).isEqualTo(1);

    dropTriggers();
    String id = first.body().get("id").asString();
    Eventually.await(
        () -> api.get("/api/orgs/" + orgId + "/bulk-sends/" + id).body(),
        b -> "COMPLETED".equals(b.path("status").asString()),
        Duration.ofMinutes(2));
    Map<String, Long> perAddress =
        ses.emails().stream()
            .filter(e -> e.to().get(0).contains("-" + tag + "@"))
            .collect(Collectors.groupingBy(e -> e.to().get(0), Collectors.counting()));
    assertThat(perAddress.keySet()).containsExactlyInAnyOrderElementsOf(addresses);
    assertThat(perAddress.values()).containsOnly(1L);
  }

  @Test
  void theSameKeyAndBodyAnswerTheFirstAnswerAgainForCreatedAndRefusedRequests() {
    Api.Response created = api.post(petitions(), "{\"title\":\"Once\"}", "p-1");
    Api.Response again = api.post(petitions(), "{\"title\":\"Once\"}", "p-1");
    Api.Response refused = api.post(petitions(), "{\"title\":\"\"}", "p-2");
    Api.Response refusedAgain = api.post(petitions(), "{\"title\":\"\"}", "p-2");

    assertThat(created.status()).isEqualTo(201);
    assertThat(created.header("Idempotent-Replayed")).isNull();
    assertThat(again.status()).isEqualTo(201);
    assertThat(again.body()).isEqualTo(created.body());
    assertThat(again.header("location")).isEqualTo(created.header("location")).isNotNull();
    assertThat(again.header("Idempotent-Replayed")).isEqualTo("true");
    assertThat(dsl.fetchCount(PETITIONS, PETITIONS.ORG_ID.eq(orgId))).isEqualTo(1);
    refused.assertProblem(400, "title");
    assertThat(refusedAgain.body()).isEqualTo(refused.body());
    assertThat(refusedAgain.header("Idempotent-Replayed")).isEqualTo("true");
  }

  @Test
  void theSameKeyWithAnotherBodyAnswers422NamingTheHeader() {
    api.post(petitions(), "{\"title\":\"One\"}", "p-1");

    Api.Response other = api.post(petitions(), "{\"title\":\"Two\"}", "p-1");

    other.assertProblem(422, "Idempotency-Key");
    assertThat(dsl.fetchCount(PETITIONS, PETITIONS.ORG_ID.eq(orgId))).isEqualTo(1);
  }

  @Test
  void aRequestArrivingWhileTheFirstWithItsKeyRunsAnswers409() {
    dsl.execute(
        """
        create or replace function %s.slow_petition() returns trigger language plpgsql as $$
        begin
          perform pg_sleep(3);
          return new;
        end $$""".formatted(schema));
    dsl.execute(
        "create trigger slow_petition before insert on " + schema + ".petitions for each row"
            + " when (new.title = 'Slow') execute function " + schema + ".slow_petition()");
    CompletableFuture<Api.Response> first =
        CompletableFuture.supplyAsync(() -> api.post(petitions(), "{\"title\":\"Slow\"}", "p-slow"));
    Eventually.await(
        () -> dsl.fetchCount(IDEMPOTENCY_KEYS, IDEMPOTENCY_KEYS.ORG_ID.eq(orgId), IDEMPOTENCY_KEYS.STATUS.isNull()),
        n -> n == 1,
        Duration.ofSeconds(10));

    Api.Response second = api.post(petitions(), "{\"title\":\"Slow\"}", "p-slow");

    second.assertProblem(409, "Idempotency-Key");
    assertThat(second.header("retry-after")).isEqualTo("1");
    assertThat(first.join().status()).isEqualTo(201);
    assertThat(api.post(petitions(), "{\"title\":\"Slow\"}", "p-slow").body()).isEqualTo(first.join().body());
    assertThat(dsl.fetchCount(PETITIONS, PETITIONS.ORG_ID.eq(orgId))).isEqualTo(1);
  }

  @Test
  void anAnswerOf500IsNotKeptSoTheRetryRunsAgain() {
    dsl.execute(
        """
        create or replace function %s.slow_petition() returns trigger language plpgsql as $$
        begin
          raise exception 'a fault of ours';
        end $$""".formatted(schema));
    dsl.execute("create trigger slow_petition before insert on " + schema + ".petitions for each row execute function "
            + schema + ".slow_petition()");

    Api.Response failed = api.post(petitions(), "{\"title\":\"Later\"}", "p-1");
    dropTriggers();
    Api.Response retried = api.post(petitions(), "{\"title\":\"Later\"}", "p-1");

    assertThat(failed.status()).isEqualTo(500);
    assertThat(retried.status()).isEqualTo(201);
    assertThat(retried.header("Idempotent-Replayed")).isNull();
    assertThat(dsl.fetchCount(PETITIONS, PETITIONS.ORG_ID.eq(orgId))).isEqualTo(1);
  }

  @Test
  void keysBelongToTheOrganizationAndAnotherOrganizationsKeyCannotReachThem() {
    String otherOrg = "org-" + System.nanoTime();
    Api other = Api.admin(port).newOrganization(otherOrg);
    Api.Response ours = api.post(petitions(), "{\"title\":\"Ours\"}", "shared");

    Api.Response theirs = other.post("/api/orgs/" + otherOrg + "/petitions", "{\"title\":\"Theirs\"}", "shared");
    Api.Response foreign = other.post(petitions(), "{\"title\":\"Ours\"}", "shared");

    assertThat(theirs.status()).isEqualTo(201);
    assertThat(theirs.body().get("id")).isNotEqualTo(ours.body().get("id"));
    foreign.assertProblem(404, null);
    assertThat(foreign.body().toString()).doesNotContain(ours.body().get("id").asString());
  }

  @Test
  void aMalformedKeyIsRefusedNamingTheHeader() {
    api.post(petitions(), "{\"title\":\"x\"}", "has space").assertProblem(400, "Idempotency-Key");
    api.post(petitions(), "{\"title\":\"x\"}", "k".repeat(256)).assertProblem(400, "Idempotency-Key");
    assertThat(dsl.fetchCount(PETITIONS, PETITIONS.ORG_ID.eq(orgId))).isZero();
  }
}
