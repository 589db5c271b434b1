package io.workerplatform.common;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * The platform's own meters, one method per thing that happened. Every meter carries {@code
 * capability} and {@code outcome}; {@code organization} only when enabled, since organizations
 * are unbounded and every one would add a series per meter. Tag values are ids and statuses, never
 * personal data. Counted where the effect is recorded, once: a retried activity that finds its
 * earlier effect counts nothing.
 */
public final class PlatformMetrics {
  public static final String CAPABILITY = "capability";
  public static final String OUTCOME = "outcome";
  public static final String ORGANIZATION = "organization";

  private final MeterRegistry registry;
  private final ObservationRegistry observations;
  private final boolean organizationTags;
  private final Meter.MeterProvider<Counter> webhookAttempts;
  private final Meter.MeterProvider<Timer> webhookAttemptDuration;
  private final Meter.MeterProvider<Counter> deliveriesEnded;
  private final Meter.MeterProvider<Counter> emails;
  private final Meter.MeterProvider<Counter> bulkSendsEnded;
  private final Meter.MeterProvider<Counter> signaturesEnded;
  private final Meter.MeterProvider<Counter> anonymizedRows;
  private final Meter.MeterProvider<Timer> anonymizerBatches;
  private final Meter.MeterProvider<Counter> cronRuns;
  private final Meter.MeterProvider<Counter> relayStarts;
  private final Meter.MeterProvider<Counter> eventsProcessed;
  private final Meter.MeterProvider<Counter> eventHandlerRuns;

  public PlatformMetrics(MeterRegistry registry, boolean organizationTags) {
    this(registry, ObservationRegistry.NOOP, organizationTags);
  }

  /**
   * @param observations where {@link #observe} reports outgoing calls: with tracing on, each
   *     becomes a span of the activity's trace
   */
  public PlatformMetrics(MeterRegistry registry, ObservationRegistry observations, boolean organizationTags) {
    this.registry = registry;
    this.observations = observations;
    this.organizationTags = organizationTags;
    webhookAttempts =
        Counter.builder("platform.webhook.attempts")
            .description("Webhook attempts by outcome and HTTP status class")
            .withRegistry(registry);
    webhookAttemptDuration =
        Timer.builder("platform.webhook.attempt.duration")
            .description("Time from a webhook request's start to its answer (or failure)")
            .publishPercentileHistogram()
            .minimumExpectedValue(Duration.ofMillis(5))
            .maximumExpectedValue(Duration.ofSeconds(30))
            .withRegistry(registry);
    deliveriesEnded =
        Counter.builder("platform.webhook.deliveries.ended")
            .description("Webhook deliveries that reached a final status, by that status")
            .withRegistry(registry);
    emails =
        Counter.builder("platform.emails")
            .description("Emails decided, by decision (SENT, SUPPRESSED, SKIPPED_NOT_ALLOWED, ...); capability bulk-send for bulk-send recipients")
            .withRegistry(registry);
    bulkSendsEnded =
        Counter.builder("platform.bulk.sends.ended")
            .description("Bulk sends that reached a final status")
            .withRegistry(registry);
    signaturesEnded =
        Counter.builder("platform.signature.requests.ended")
            .description("Signature requests that reached a final state, by that state")
            .withRegistry(registry);
    anonymizedRows =
        Counter.builder("platform.anonymizer.rows")
            .description("Rows the anonymizer changed, by category")
            .withRegistry(registry);
    anonymizerBatches =
        Timer.builder("platform.anonymizer.batch.duration")
            .description("Duration of one anonymizer batch transaction, by category")
            .publishPercentileHistogram()
            .minimumExpectedValue(Duration.ofMillis(1))
            .maximumExpectedValue(Duration.ofSeconds(60))
            .withRegistry(registry);
    cronRuns =
        Counter.builder("platform.cron.runs")
            .description("Cron job runs by job and outcome")
            .withRegistry(registry);
    relayStarts =
        Counter.builder("platform.relay.starts")
            .description("Workflows the relay started for rows stored while Temporal was unreachable")
            .withRegistry(registry);
    eventsProcessed =
        Counter.builder("platform.events.processed")
            .description("Domain events processed, by type and outcome (PROCESSED, PROCESSED_WITH_FAILURES)")
            .withRegistry(registry);
    eventHandlerRuns =
        Counter.builder("platform.events.handler.runs")
            .description("Event handler tries, by handler and outcome (DONE, FAILED_TRY)")
            .withRegistry(registry);
  }

  /** Meters that go nowhere: for code run outside a host (tests, tools). */
  public static PlatformMetrics none() {
    return new PlatformMetrics(new CompositeMeterRegistry(), false);
  }

  public MeterRegistry registry() {
    return registry;
  }

  public void webhookAttempt(String orgId, String outcome, Integer statusCode, Duration duration) {
    Tags tags = tags(TaskQueues.WEBHOOKS, outcome, orgId);
    webhookAttempts.withTags(tags.and("status_class", statusClass(statusCode))).increment();
    webhookAttemptDuration.withTags(tags).record(duration);
  }

  public void webhookDeliveryEnded(String orgId, String status) {
    deliveriesEnded.withTags(tags(TaskQueues.WEBHOOKS, status, orgId)).increment();
  }

  /** One email decided; {@code bulkSendId} non-null for a bulk-send recipient. */
  public void emailDecided(String orgId, String decision, String bulkSendId) {
    emails.withTags(tags(bulkSendId == null ? TaskQueues.EMAIL : TaskQueues.BULK_SEND, decision, orgId)).increment();
  }

  public void bulkSendEnded(String orgId, String status) {
    bulkSendsEnded.withTags(tags(TaskQueues.BULK_SEND, status, orgId)).increment();
  }

  public void signatureEnded(String orgId, String state) {
    signaturesEnded.withTags(tags(TaskQueues.SIGNATURES, state, orgId)).increment();
  }

  public void anonymized(String category, long rows) {
    if (rows > 0) {
      anonymizedRows.withTags(tags(TaskQueues.GDPR, "ANONYMIZED", null).and("category", category)).increment(rows);
    }
  }

  public void anonymizerBatch(String category, Duration duration) {
    anonymizerBatches.withTags(tags(TaskQueues.GDPR, "COMMITTED", null).and("category", category)).record(duration);
  }

  public void cronRun(String job, String outcome) {
    cronRuns.withTags(tags(TaskQueues.CRON, outcome, null).and("job", job)).increment();
  }

  public void eventProcessed(String orgId, String type, String outcome) {
    eventsProcessed.withTags(tags(TaskQueues.EVENTS, outcome, orgId).and("type", type)).increment();
  }

  public void eventHandled(String handler, String outcome) {
    eventHandlerRuns.withTags(tags(TaskQueues.EVENTS, outcome, null).and("handler", handler)).increment();
  }

  /** {@code capability}: what the relay started ("webhook deliveries", ...); outcome STARTED or FAILED. */
  public void relayStart(String capability, String outcome) {
    relayStarts.withTags(tags(capability, outcome, null)).increment();
  }

  /**
   * Runs an outgoing call (a webhook request, an SES send, a signature provider's API) as an
   * observation named {@code name}: a span of the current trace, tagged with ids and categories
   * only (never a URL's query, an address or a body).
   */
  public <T> T observe(String name, String capability, String operation, Supplier<T> call) {
    return Observation.createNotStarted(name, observations)
        .contextualName(capability + " " + operation)
        .lowCardinalityKeyValue(CAPABILITY, capability)
        .lowCardinalityKeyValue("operation", operation)
        .observe(call);
  }

  private Tags tags(String capability, String outcome, String orgId) {
    Tags tags = Tags.of(CAPABILITY, capability, OUTCOME, outcome == null ? "NONE" : outcome);
    return organizationTags && orgId != null ? tags.and(ORGANIZATION, orgId) : tags;
  }

  static String statusClass(Integer statusCode) {
    return statusCode == null ? "none" : (statusCode / 100) + "xx";
  }
}
