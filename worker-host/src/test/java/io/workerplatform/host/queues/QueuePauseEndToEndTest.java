package io.workerplatform.host.queues;

import static io.workerplatform.db.Tables.EMAIL_MESSAGES;
import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.workerplatform.email.SesLocalServer;
import io.workerplatform.host.support.Api;
import io.workerplatform.host.support.Eventually;
import io.workerplatform.host.support.HostTest;
import io.workerplatform.host.support.LocalSes;
import java.time.Duration;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/** Pausing and resuming a task queue through the REST API (admin): work waits, then runs, once. */
@HostTest
@ExtendWith(OutputCaptureExtension.class)
class QueuePauseEndToEndTest {
  private static final SesLocalServer ses = SesLocalServer.start();

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    LocalSes.register(registry, ses);
    registry.add("platform.workers.pause-check-interval", () -> "200ms");
  }

  @LocalServerPort int port;
  @Autowired DSLContext dsl;
  @Autowired MeterRegistry meters;

  @AfterAll
  static void stop() throws Exception {
    ses.close();
  }

  @AfterEach
  void resumeEmail() {
    Api.admin(port).post("/api/queues/email/resume", "");
  }

  private double pausedGauge() {
    return meters.get("platform.task_queue.paused").tag("queue", "email").gauge().value();
  }

  @Test
  void aPausedEmailQueueAcceptsWorkThatWaitsAndSendsItOnceResumed(CapturedOutput output) throws Exception {
    Api admin = Api.admin(port);
    String orgId = "org-" + System.nanoTime();
    Api api = admin.newOrganization(orgId);
    String address = "paused-" + orgId + "@example.com";

    Api.Response paused = admin.post("/api/queues/email/pause", "");
    assertThat(paused.status()).isEqualTo(200);
    assertThat(paused.body().get("paused").asBoolean()).isTrue();
    assertThat(paused.body().get("servedHere").asBoolean()).isTrue();
    assertThat(pausedGauge()).isEqualTo(1.0);
    assertThat(output.getOut()).contains("Task queue email paused");
    String id = api.post("/api/orgs/" + orgId + "/emails", "{\"to\":{\"address\":\"" + address + "\"},\"template\":\"document-expiry\"}")
        .body().get("id").asString();
    Thread.sleep(2_000); // a running worker would have sent it by now
    assertThat(api.get("/api/orgs/" + orgId + "/emails/" + id).body().get("status").asString()).isEqualTo("QUEUED");
    assertThat(ses.emailsTo(address)).isEmpty();
    JsonNode listed = admin.get("/api/queues").body().get("items");
    assertThat(listed.toString()).contains("\"name\":\"email\",\"paused\":true");

    Api.Response resumed = admin.post("/api/queues/email/resume", "");

    assertThat(resumed.body().get("paused").asBoolean()).isFalse();
    Eventually.await(() -> api.get("/api/orgs/" + orgId + "/emails/" + id).body(),
        e -> "SENT".equals(e.get("status").asString()), Duration.ofSeconds(30));
    assertThat(ses.emailsTo(address)).hasSize(1);
    // it waited without spending an attempt
    assertThat(dsl.fetchValue(EMAIL_MESSAGES.SEND_ATTEMPTS, EMAIL_MESSAGES.DEDUPE_KEY.eq("app/" + orgId + "/" + id)))
        .isEqualTo(1);
    assertThat(pausedGauge()).isEqualTo(0.0);
    assertThat(output.getOut()).contains("Task queue email resumed");
  }

  @Test
  void onlyTheOperatorPausesAndAnUnknownQueueIsNotFound() {
    Api admin = Api.admin(port);
    String orgId = "org-" + System.nanoTime();
    Api api = admin.newOrganization(orgId);

    assertThat(api.post("/api/queues/email/pause", "").status()).isEqualTo(403);
    assertThat(api.get("/api/queues").status()).isEqualTo(403);
    assertThat(Api.anonymous(port).post("/api/queues/email/pause", "").status()).isEqualTo(401);
    assertThat(admin.post("/api/queues/no-such-queue/pause", "").status()).isEqualTo(404);
    assertThat(admin.get("/api/queues/email").body().get("paused").asBoolean()).isFalse();
  }
}
