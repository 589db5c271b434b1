package io.workerplatform.host.bulksends;

import static io.workerplatform.db.Tables.EMAIL_MESSAGES;
import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.client.WorkflowClient;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.workerplatform.bulksends.BulkSendWorkflow;
import io.workerplatform.common.TestDatabase;
import io.workerplatform.email.SesLocalServer;
import io.workerplatform.host.support.Api;
import io.workerplatform.host.support.ChildJvm;
import io.workerplatform.host.support.Eventually;
import io.workerplatform.host.support.FreePort;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The embedded Temporal server in a process of its own and the worker host in another, killed
 * with SIGKILL at several points of a bulk send and started again: the bulk send completes, every
 * recipient has exactly one SENT row, and exactly one message at the SES server unless its row is
 * marked in doubt (the documented window: a call of unknown outcome made again), then at most two.
 */
class BulkSendCrashTest {
  private static final int RECIPIENTS = 900;

  private TestDatabase db;
  private SesLocalServer ses;
  private ChildJvm temporal;
  private ChildJvm host;
  private WorkflowServiceStubs stubs;
  private int temporalPort;
  private int httpPort;

  @BeforeEach
  void start() {
    db = TestDatabase.create("crash");
    ses = SesLocalServer.start();
    temporalPort = FreePort.find();
    temporal = ChildJvm.temporalServer(temporalPort);
    stubs =
        WorkflowServiceStubs.newServiceStubs(
            WorkflowServiceStubsOptions.newBuilder().setTarget("127.0.0.1:" + temporalPort).build());
    host = startHost();
  }

  @AfterEach
  void stop() throws Exception {
    if (host != null) {
      host.kill();
    }
    stubs.shutdownNow();
    temporal.kill();
    ses.close();
    db.close();
  }

  private ChildJvm startHost() {
    httpPort = FreePort.find();
    return ChildJvm.workerHost(
        httpPort,
        List.of(
            "spring.temporal.connection.target=127.0.0.1:" + temporalPort,
            "platform.workers.sticky-execution=false",
            "platform.db.schema=" + db.schema,
            "platform.email.ses.endpoint=" + ses.endpoint(),
            "platform.email.ses.access-key-id=local",
            "platform.email.ses.secret-access-key=local",
            "platform.email.max-per-second=50",
            "platform.bulk-send.page-size=25",
            "platform.bulk-send.window=2",
            "platform.bulk-send.continue-as-new-after-events=150"));
  }

  private void killAndRestart(String when) {
    host.kill();
    System.out.printf("killed the worker host %s; %d messages at SES%n", when, ses.emails().size());
    host = startHost();
  }

  /**
   * The run the workflow is in, or 0 while no worker answers queries (a query to a killed
   * worker's sticky queue times out until the server gives up on it).
   */
  private static int runOf(BulkSendWorkflow workflow) {
    try {
      return workflow.progress().run();
    } catch (io.temporal.client.WorkflowServiceException | io.temporal.client.WorkflowQueryException e) {
      return 0;
    }
  }

  private static void await(BooleanSupplier condition, Duration timeout) {
    Eventually.await(condition::getAsBoolean, Boolean::booleanValue, timeout);
  }

  @Test
  void killedAtSeveralPointsTheBulkSendCompletesWithOneMessagePerRecipient() {
    Api api = Api.admin(httpPort).newOrganization("acme");
    String contacts =
        IntStream.range(0, RECIPIENTS)
            .mapToObj(i -> "{\"email\":\"r" + i + "@example.com\",\"name\":\"R" + i + "\"}")
            .collect(Collectors.joining(",", "{\"contacts\":[", "]}"));
    assertThat(api.post("/api/orgs/acme/contacts", contacts).status()).isEqualTo(201);
    String petitionId = api.post("/api/orgs/acme/petitions", "{\"title\":\"Crash\"}").body().get("id").asString();
    Api.Response started =
        api.post(
            "/api/orgs/acme/bulk-sends",
            "{\"petitionId\":\"" + petitionId + "\",\"template\":\"petition-invite\",\"allContacts\":true}");
    assertThat(started.status()).isEqualTo(202);
    String id = started.body().get("id").asString();
    BulkSendWorkflow workflow =
        WorkflowClient.newInstance(stubs).newWorkflowStub(BulkSendWorkflow.class, BulkSendWorkflow.workflowId(id));

    killAndRestart("while it prepares and pages");
    await(() -> ses.emails().size() > 150, Duration.ofMinutes(2));
    killAndRestart("mid-batch");
    int run = Eventually.await(() -> runOf(workflow), r -> r > 0, Duration.ofMinutes(1));
    await(() -> runOf(workflow) > run, Duration.ofMinutes(2));
    killAndRestart("right after continue-as-new");

    Api restarted = api.onPort(httpPort); // the restarted host listens on a port of its own
    var done =
        Eventually.await(
            () -> restarted.get("/api/orgs/acme/bulk-sends/" + id).body(),
            b -> "COMPLETED".equals(b.path("status").asString()),
            Duration.ofMinutes(3));
    assertThat(done.get("sent").asInt()).isEqualTo(RECIPIENTS);

    Map<String, Boolean> inDoubt =
        db.dsl.select(EMAIL_MESSAGES.DEDUPE_KEY, EMAIL_MESSAGES.IN_DOUBT, EMAIL_MESSAGES.STATE, EMAIL_MESSAGES.SES_MESSAGE_ID)
            .from(EMAIL_MESSAGES)
            .where(EMAIL_MESSAGES.BULK_SEND_ID.eq(id))
            .fetch()
            .stream()
            .peek(r -> assertThat(r.value3()).as(r.value1()).isEqualTo("SENT"))
            .collect(Collectors.toMap(r -> r.value4(), r -> r.value2()));
    assertThat(inDoubt).hasSize(RECIPIENTS);
    Map<String, Long> perAddress =
        ses.emails().stream().collect(Collectors.groupingBy(e -> e.to().get(0), Collectors.counting()));
    assertThat(perAddress).hasSize(RECIPIENTS);
    Map<String, String> addressByMessageId =
        ses.emails().stream().collect(Collectors.toMap(e -> e.messageId(), e -> e.to().get(0)));
    long doubted = inDoubt.values().stream().filter(d -> d).count();
    inDoubt.forEach(
        (messageId, doubt) -> {
          long received = perAddress.get(addressByMessageId.get(messageId));
          if (!doubt) {
            assertThat(received).as("messages to a recipient not in doubt").isEqualTo(1);
          } else {
            assertThat(received).as("messages to a recipient in the window of doubt").isBetween(1L, 2L);
          }
        });
    assertThat(done.get("inDoubt").asLong()).isEqualTo(doubted);
    System.out.printf(
        "crash test: %d recipients, %d messages at SES, %d in the window of doubt%n",
        RECIPIENTS, ses.emails().size(), doubted);
  }
}
