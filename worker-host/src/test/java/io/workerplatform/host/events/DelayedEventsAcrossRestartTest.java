package io.workerplatform.host.events;

import static org.assertj.core.api.Assertions.assertThat;

import io.workerplatform.common.TestDatabase;
import io.workerplatform.host.support.Api;
import io.workerplatform.host.support.ChildJvm;
import io.workerplatform.host.support.Eventually;
import io.workerplatform.host.support.FreePort;
import io.workerplatform.webhooks.WebhookReceiver;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A delayed event waits on a durable timer of the Temporal server, not in the worker host: with
 * the embedded server in a process of its own, the host is killed while events wait and started
 * again; the due one is processed once at its time, the cancelled one never.
 */
class DelayedEventsAcrossRestartTest {
  private TestDatabase db;
  private ChildJvm temporal;
  private ChildJvm host;
  private int temporalPort;
  private final WebhookReceiver receiver = new WebhookReceiver();

  @BeforeEach
  void start() {
    db = TestDatabase.create("events_restart");
    temporalPort = FreePort.find();
    temporal = ChildJvm.temporalServer(temporalPort);
  }

  @AfterEach
  void stop() throws Exception {
    if (host != null) {
      host.kill();
    }
    temporal.kill();
    receiver.close();
    db.close();
  }

  /** Starts a host; answers its port. */
  private int startHost() {
    int httpPort = FreePort.find();
    host =
        ChildJvm.workerHost(
            httpPort,
            List.of(
                "spring.temporal.connection.target=127.0.0.1:" + temporalPort,
                "platform.workers.sticky-execution=false",
                "platform.db.schema=" + db.schema,
                "platform.webhooks.allow-private-addresses=true"));
    return httpPort;
  }

  @Test
  void aDelayedEventIsProcessedAtItsTimeAfterTheWorkerHostWasKilledAndACancelledOneNever() {
    Api api = Api.admin(startHost()).newOrganization("acme");
    assertThat(api.post("/api/orgs/acme/webhook-subscriptions",
        "{\"url\":\"" + receiver.url("/hooks") + "\",\"eventTypes\":[\"petition.completed\"]}").status()).isEqualTo(201);
    Api.Response due = api.post("/api/orgs/acme/events", "{\"id\":\"evt_due\",\"type\":\"petition.completed\",\"delay\":\"PT12S\"}");
    api.post("/api/orgs/acme/events", "{\"id\":\"evt_cancelled\",\"type\":\"petition.completed\",\"delay\":\"PT15S\"}");
    assertThat(due.body().get("status").asString()).isEqualTo("SCHEDULED");
    Instant processAt = Instant.parse(due.body().get("processAt").asString());

    host.kill();
    api = api.onPort(startHost());
    assertThat(api.delete("/api/orgs/acme/events/evt_cancelled").status()).isEqualTo(200);

    Api reader = api;
    var processed =
        Eventually.await(
            () -> reader.get("/api/orgs/acme/events/evt_due").body(),
            body -> "PROCESSED".equals(body.path("status").asString()),
            Duration.ofSeconds(60));
    assertThat(Instant.parse(processed.get("processedAt").asString())).isAfterOrEqualTo(processAt);
    assertThat(receiver.received).hasSize(1);
    assertThat(receiver.received.get(0).body()).contains("\"id\":\"evt_due\"");
    // the cancelled one's time passes, and nothing more arrives
    Eventually.await(() -> Instant.now(), now -> now.isAfter(processAt.plusSeconds(6)), Duration.ofSeconds(30));
    assertThat(receiver.received).hasSize(1);
    assertThat(api.get("/api/orgs/acme/events/evt_cancelled").body().get("status").asString()).isEqualTo("CANCELLED");
  }
}
