package io.workerplatform.host.events;

import static io.workerplatform.db.Tables.DOMAIN_EVENTS;
import static io.workerplatform.db.Tables.ORGANIZATIONS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.temporal.client.WorkflowClient;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.workerplatform.events.EventTypes;
import io.workerplatform.host.relay.StartRelay;
import io.workerplatform.host.support.Api;
import io.workerplatform.host.support.Eventually;
import io.workerplatform.host.support.FreePort;
import io.workerplatform.host.support.HostTest;
import io.workerplatform.starters.DomainEvents;
import io.workerplatform.starters.EventProcessing;
import io.workerplatform.webhooks.WebhookReceiver;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterEach;
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
 * The starters' {@link DomainEvents} as an API application uses it, on the host's own DataSource
 * and transaction manager: an event exists if and only if the caller's transaction commits, its
 * processing starts after the commit, and the relay covers a process that died in between.
 */
@HostTest
class DomainEventsOutboxTest {
  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    registry.add("platform.relay.interval", () -> "1h");
    registry.add("platform.relay.grace", () -> "0s");
  }

  @LocalServerPort int port;
  @Autowired DSLContext dsl;
  @Value("${platform.db.schema}") String schema;
  @Autowired DomainEvents events;
  @Autowired DataSource dataSource;
  @Autowired PlatformTransactionManager transactions;
  @Autowired StartRelay relay;

  private final WebhookReceiver receiver = new WebhookReceiver();
  private final JsonMapper json = JsonMapper.builder().build();
  private Api api;
  private String orgId;

  @BeforeEach
  void organizationWithASubscription() {
    orgId = "org-" + System.nanoTime();
    api = Api.admin(port).newOrganization(orgId);
    assertThat(api.post("/api/orgs/" + orgId + "/webhook-subscriptions",
        "{\"url\":\"" + receiver.url("/hooks") + "\",\"eventTypes\":[\"petition.completed\"]}").status()).isEqualTo(201);
  }

  @AfterEach
  void stopReceiver() {
    receiver.close();
  }

  private DomainEvents.Event event(String id) {
    return DomainEvents.Event.of(orgId, "petition.completed", json.readTree("{\"petitionId\":\"pet_1\"}")).withId(id);
  }

  /** The caller's own change in the same transaction: here, renaming its organization. */
  private void rename(String name) {
    JdbcClient.create(dataSource)
        .sql("update " + schema + ".organizations set name = :name where id = :id")
        .param("name", name).param("id", orgId).update();
  }

  @Test
  void anEventPublishedInATransactionThatCommitsIsProcessedAfterTheCommit() {
    new TransactionTemplate(transactions).executeWithoutResult(tx -> {
      events.publish(event("evt_committed").about("pet_1", "usr_1"));
      rename("Renamed");
      // not visible outside the transaction, not started yet
      assertThat(dsl.fetchCount(DOMAIN_EVENTS, DOMAIN_EVENTS.EXTERNAL_ID.eq("evt_committed"))).isZero();
    });

    var processed =
        Eventually.await(
            () -> api.get("/api/orgs/" + orgId + "/events/evt_committed").body(),
            b -> "PROCESSED".equals(b.path("status").asString()), Duration.ofSeconds(20));
    assertThat(processed.get("deliveryIds")).hasSize(1); // fanned out when processed
    assertThat(receiver.received).hasSize(1);
    assertThat(dsl.fetchValue(ORGANIZATIONS.NAME, ORGANIZATIONS.ID.eq(orgId))).isEqualTo("Renamed");
  }

  @Test
  void anEventPublishedInATransactionThatRollsBackDoesNotExist() throws InterruptedException {
    assertThatThrownBy(() -> new TransactionTemplate(transactions).executeWithoutResult(tx -> {
      events.publish(event("evt_rolled_back"));
      rename("Never");
      throw new IllegalStateException("the caller's change failed");
    })).hasMessage("the caller's change failed");

    Thread.sleep(500);
    assertThat(dsl.fetchCount(DOMAIN_EVENTS, DOMAIN_EVENTS.EXTERNAL_ID.eq("evt_rolled_back"))).isZero();
    assertThat(api.get("/api/orgs/" + orgId + "/events/evt_rolled_back").status()).isEqualTo(404);
    assertThat(receiver.received).isEmpty();
  }

  @Test
  void anEventWhoseStartWasLostAfterTheCommitIsStartedByTheRelay() {
    // As if the process died after the commit: its start goes to a Temporal that is not there.
    WorkflowServiceStubs nowhere =
        WorkflowServiceStubs.newServiceStubs(
            WorkflowServiceStubsOptions.newBuilder().setTarget("127.0.0.1:" + FreePort.find())
                .setRpcTimeout(Duration.ofSeconds(1)).build());
    try {
      DomainEvents crashing =
          new DomainEvents(JdbcClient.create(dataSource), schema,
              new EventProcessing(WorkflowClient.newInstance(nowhere)), new EventTypes(json), Set.of(), json);
      new TransactionTemplate(transactions).executeWithoutResult(tx -> crashing.publish(event("evt_relayed")));
    } finally {
      nowhere.shutdownNow();
    }
    assertThat(dsl.fetchValue(DOMAIN_EVENTS.WORKFLOW_STARTED_AT, DOMAIN_EVENTS.EXTERNAL_ID.eq("evt_relayed"))).isNull();

    relay.relay();

    Eventually.await(
        () -> api.get("/api/orgs/" + orgId + "/events/evt_relayed").body(),
        b -> "PROCESSED".equals(b.path("status").asString()), Duration.ofSeconds(20));
    assertThat(receiver.received).hasSize(1);
  }

  @Test
  void anInvalidEventIsRefusedNamingTheFieldAndNothingIsWritten() {
    assertThatThrownBy(() -> events.publish(DomainEvents.Event.of(orgId, "petition.completed",
            json.readTree("{\"petitionId\":7}")).withId("evt_bad")))
        .isInstanceOfSatisfying(DomainEvents.InvalidEventException.class, e -> assertThat(e.field()).isEqualTo("data.petitionId"));
    assertThatThrownBy(() -> events.publish(DomainEvents.Event.of(orgId, "no.such-type", null)))
        .isInstanceOfSatisfying(DomainEvents.InvalidEventException.class, e -> assertThat(e.field()).isEqualTo("type"));
    assertThatThrownBy(() -> events.publish(event("has space")))
        .isInstanceOfSatisfying(DomainEvents.InvalidEventException.class, e -> assertThat(e.field()).isEqualTo("eventId"));
    assertThat(dsl.fetchCount(DOMAIN_EVENTS, DOMAIN_EVENTS.ORG_ID.eq(orgId))).isZero();
  }

  @Test
  void orderedEventsFromTwoTransactionsTakeTheirKeysOrderInCommitOrder() throws Exception {
    CountDownLatch published = new CountDownLatch(1);
    CountDownLatch commit = new CountDownLatch(1);
    ExecutorService threads = Executors.newFixedThreadPool(2);
    try {
      Future<?> first = threads.submit(() -> new TransactionTemplate(transactions).executeWithoutResult(tx -> {
        events.publish(event("evt_first").orderedBy("case-1"));
        published.countDown();
        await(commit);
      }));
      await(published);
      Future<?> second = threads.submit(() -> new TransactionTemplate(transactions).executeWithoutResult(
          tx -> events.publish(event("evt_second").orderedBy("case-1"))));
      // the second waits for the key's lock, held by the first until it commits
      Eventually.await(
          () -> dsl.fetchCount(DSL.table("pg_locks"), DSL.field("locktype").eq("advisory").and(DSL.field("granted").isFalse())),
          waiting -> waiting == 1, Duration.ofSeconds(10));
      assertThat(second.isDone()).isFalse();
      commit.countDown();
      first.get(10, TimeUnit.SECONDS);
      second.get(10, TimeUnit.SECONDS);
    } finally {
      commit.countDown();
      threads.shutdownNow();
    }
    assertThat(dsl.fetchValue(DOMAIN_EVENTS.SEQ, DOMAIN_EVENTS.EXTERNAL_ID.eq("evt_first").and(DOMAIN_EVENTS.ORG_ID.eq(orgId))))
        .isLessThan(dsl.fetchValue(DOMAIN_EVENTS.SEQ, DOMAIN_EVENTS.EXTERNAL_ID.eq("evt_second").and(DOMAIN_EVENTS.ORG_ID.eq(orgId))));
  }

  private static void await(CountDownLatch latch) {
    try {
      assertThat(latch.await(10, TimeUnit.SECONDS)).isTrue();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
