package io.workerplatform.host.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.workerplatform.host.support.Api;
import io.workerplatform.host.support.Eventually;
import io.workerplatform.host.support.HostTest;
import io.workerplatform.host.support.Prometheus;
import io.workerplatform.webhooks.WebhookReceiver;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * What an on-call engineer reads after real work: {@code /actuator/prometheus} (Temporal's series
 * and the platform's, with their values) and the JSON log lines with their workflow fields.
 */
@HostTest(
    properties = {
      // read when logging starts, before dynamic properties exist
      "logging.structured.format.console=ecs",
      // traces on, every one recorded, into memory (no collector here)
      "management.tracing.enabled=true",
      "management.tracing.sampling.probability=1.0"
    })
@Import(ObservabilityEndToEndTest.InMemoryTraces.class)
@ExtendWith(OutputCaptureExtension.class)
class ObservabilityEndToEndTest {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  /** The SDK's own: task latencies, schedule-to-start, pollers, the sticky cache (reported every 10 s). */
  private static final List<String> TEMPORAL_SERIES =
      List.of(
          "temporal_workflow_task_execution_latency_seconds_count",
          "temporal_workflow_task_schedule_to_start_latency_seconds_count",
          "temporal_activity_schedule_to_start_latency_seconds_count",
          "temporal_local_activity_execution_latency_seconds_count",
          "temporal_num_pollers",
          "temporal_sticky_cache_size");

  @TestConfiguration
  static class InMemoryTraces {
    @Bean
    InMemorySpanExporter inMemorySpanExporter() {
      return InMemorySpanExporter.create();
    }
  }

  @LocalServerPort int port;
  @Autowired InMemorySpanExporter spans;

  private final WebhookReceiver healthy = new WebhookReceiver();
  private final WebhookReceiver failing = new WebhookReceiver().answer(503);

  @AfterEach
  void stopReceivers() {
    healthy.close();
    failing.close();
  }

  @Test
  void theScrapeHoldsTemporalsSeriesAndThePlatformsOwnWithTheirValuesAndLogLinesCarryTheirWorkflow(
      CapturedOutput output) {
    Api admin = Api.admin(port);
    String orgId = "org-metrics";
    Api api = admin.newOrganization(orgId);
    for (WebhookReceiver receiver : new WebhookReceiver[] {healthy, failing}) {
      assertThat(
              api.post(
                      "/api/orgs/" + orgId + "/webhook-subscriptions",
                      "{\"url\":\"" + receiver.url("/hooks") + "\",\"eventTypes\":[\"petition.completed\"]}")
                  .status())
          .isEqualTo(201);
    }
    Api.Response published =
        api.post("/api/orgs/" + orgId + "/events", "{\"type\":\"petition.completed\",\"data\":{\"petitionId\":\"pt_1\"}}");
    assertThat(published.status()).isEqualTo(202);
    assertThat(admin.post("/api/cron/webhook-attempts-cleanup/run", "").status()).isEqualTo(202);
    Instant ranAround = Instant.now();

    // Temporal's reporter publishes every 10 s: wait for it and for both attempts and the run.
    Prometheus scrape =
        Eventually.await(
            () -> Prometheus.parse(admin.getText("/actuator/prometheus").body()),
            p -> p.names().containsAll(TEMPORAL_SERIES)
                && p.has("temporal_workflow_completed_total")
                && p.sum("platform_webhook_attempts_total") == 2
                && p.has("platform_events_processed_total")
                && p.has("platform_cron_runs_total", "job", "webhook-attempts-cleanup")
                // read from the run records, at most every 5 s
                && !Double.isNaN(p.sum("platform_cron_last_success_seconds", "job", "webhook-attempts-cleanup")),
            Duration.ofSeconds(40));

    assertThat(scrape.sum("platform_webhook_attempts_total", "capability", "webhooks", "outcome", "DELIVERED", "status_class", "2xx"))
        .isEqualTo(1);
    assertThat(scrape.sum("platform_webhook_attempts_total", "capability", "webhooks", "outcome", "FAILED", "status_class", "5xx"))
        .isEqualTo(1);
    assertThat(scrape.sum("platform_webhook_attempt_duration_seconds_count", "outcome", "DELIVERED")).isEqualTo(1);
    assertThat(scrape.has("platform_webhook_attempt_duration_seconds_bucket", "outcome", "FAILED", "le", "+Inf")).isTrue();
    // One delivery ended; the other waits for its retry in a minute.
    assertThat(scrape.find("platform_webhook_deliveries_ended_total"))
        .singleElement()
        .satisfies(s -> {
          assertThat(s.labels()).containsEntry("outcome", "DELIVERED").containsEntry("capability", "webhooks");
          assertThat(s.value()).isEqualTo(1);
        });
    // The event: processed once, each of its two handlers done at the first try.
    assertThat(scrape.sum("platform_events_processed_total", "capability", "events", "type", "petition.completed", "outcome", "PROCESSED"))
        .isEqualTo(1);
    assertThat(scrape.sum("platform_events_handler_runs_total", "handler", "webhooks", "outcome", "DONE")).isEqualTo(1);
    assertThat(scrape.sum("platform_events_handler_runs_total", "handler", "audit", "outcome", "DONE")).isEqualTo(1);
    assertThat(scrape.sum("platform_cron_runs_total", "capability", "cron", "job", "webhook-attempts-cleanup", "outcome", "SUCCEEDED"))
        .isEqualTo(1);
    assertThat(scrape.sum("platform_cron_last_success_seconds", "job", "webhook-attempts-cleanup"))
        .isCloseTo(ranAround.getEpochSecond(), within(30.0));
    assertThat(scrape.sum("platform_cron_last_success_seconds", "job", "anonymizer")).isNaN();
    // organizations are unbounded: no organization tag unless enabled
    assertThat(scrape.find("platform_webhook_attempts_total")).allSatisfy(s -> assertThat(s.labels()).doesNotContainKey("organization"));

    // The SDK's own: task latencies, schedule-to-start, pollers, the sticky cache.
    assertThat(scrape.names()).containsAll(TEMPORAL_SERIES);
    // at least the manual run: a scheduled job may complete within the test too (sap-profile-polling
    // fires every 5 minutes by the wall clock), and this series has no job label to tell them apart
    assertThat(scrape.sum("temporal_workflow_completed_total", "task_queue", "cron", "workflow_type", "CronJobWorkflow"))
        .isGreaterThanOrEqualTo(1);

    // The failed attempt's log line, written inside the activity: JSON with the work's fields.
    JsonNode line =
        output.getOut().lines()
            .filter(l -> l.startsWith("{") && l.contains("attempt 1: FAILED"))
            .map(JSON::readTree)
            .findFirst()
            .orElseThrow(() -> new AssertionError("no JSON line for the failed attempt in:\n" + output.getOut()));
    String deliveryId = line.get("message").asString().split(" ")[2];
    assertThat(published.body().get("deliveryIds").toString()).contains(deliveryId);
    // First attempts are made by the event's own workflow, in its webhooks handler.
    String eventId = published.body().get("eventId").asString();
    assertThat(line.get("WorkflowId").asString()).isEqualTo("domain-event/" + orgId + "/" + eventId);
    assertThat(line.get("WorkflowType").asString()).isEqualTo("DomainEventWorkflow");
    assertThat(line.get("RunId").asString()).isNotBlank();
    assertThat(line.get("ActivityType").asString()).isEqualTo("Process");
    assertThat(line.get("TaskQueue").asString()).isEqualTo("events");
    assertThat(line.get("OrgId").asString()).isEqualTo(orgId);
    assertThat(line.get("log").get("level").asString()).isEqualTo("INFO");

    // One trace from the REST call to the receiver: the API's span, the workflow's, the request's.
    SpanData publish =
        Eventually.await(
            () -> spans.getFinishedSpanItems().stream()
                .filter(s -> s.getKind() == SpanKind.SERVER && s.getName().contains("/api/orgs/{orgId}/events"))
                .findFirst(),
            java.util.Optional::isPresent,
            Duration.ofSeconds(10)).orElseThrow();
    List<SpanData> trace =
        Eventually.await(
            () -> spans.getFinishedSpanItems().stream().filter(s -> s.getTraceId().equals(publish.getTraceId())).toList(),
            t -> t.stream().filter(s -> s.getName().equals("webhooks POST")).count() == 2,
            Duration.ofSeconds(20));
    assertThat(trace).extracting(SpanData::getName)
        .contains("StartWorkflow:DomainEventWorkflow", "RunWorkflow:DomainEventWorkflow", "RunActivity:Process");
    SpanData request = trace.stream().filter(s -> s.getName().equals("webhooks POST")).findFirst().orElseThrow();
    SpanData attempt =
        trace.stream().filter(s -> s.getSpanId().equals(request.getParentSpanId())).findFirst().orElseThrow();
    assertThat(attempt.getName()).isEqualTo("RunActivity:Process");
    // ids and categories only: no URL, address or body in any span of the trace
    assertThat(trace.toString()).doesNotContain(healthy.url("/hooks")).doesNotContain("pt_1");
  }

  @Test
  void onlyTheAdminTokenReadsTheMetrics() {
    Api admin = Api.admin(port);
    Api organization = admin.newOrganization("org-metrics-reader");

    assertThat(Api.anonymous(port).getText("/actuator/prometheus").status()).isEqualTo(401);
    assertThat(organization.getText("/actuator/prometheus").status()).isEqualTo(403);
    assertThat(admin.getText("/actuator/prometheus").status()).isEqualTo(200);
  }
}
