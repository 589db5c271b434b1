package io.workerplatform.retention;

import static io.workerplatform.db.Tables.AUDIT_LOG;
import static io.workerplatform.db.Tables.CRON_RUNS;
import static io.workerplatform.db.Tables.DOMAIN_EVENTS;
import static io.workerplatform.db.Tables.EMAIL_EVENTS;
import static io.workerplatform.db.Tables.EMAIL_MESSAGES;
import static io.workerplatform.db.Tables.EMAIL_REQUESTS;
import static io.workerplatform.db.Tables.EVENT_HANDLER_RUNS;
import static io.workerplatform.db.Tables.RETENTION_PERIODS;
import static io.workerplatform.db.Tables.WEBHOOK_ATTEMPTS;
import static io.workerplatform.db.Tables.WEBHOOK_DELIVERIES;
import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.workerplatform.common.PlatformMetrics;
import io.workerplatform.common.PlatformPlugins;
import io.workerplatform.common.TestDatabase;
import io.workerplatform.cron.CronRunRetention;
import io.workerplatform.email.EmailLogRetention;
import io.workerplatform.email.EmailRequestStore;
import io.workerplatform.events.EventLogRetention;
import io.workerplatform.webhooks.DeliveryRetention;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.jooq.JSONB;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The platform's own log tables under the anonymizer: what ended and is older than its category's
 * period goes (with the rows that name it), what a workflow may still need stays.
 */
class LogRetentionTest {
  static TestDatabase db;
  static final OffsetDateTime NOW = OffsetDateTime.now(ZoneOffset.UTC);

  @BeforeAll
  static void start() {
    db = TestDatabase.create("log_retention");
    db.organizations().create("org-a", "A");
    db.organizations().create("org-b", "B");
    // org-b keeps its email messages a year
    db.dsl.insertInto(RETENTION_PERIODS).set(RETENTION_PERIODS.ORG_ID, "org-b")
        .set(RETENTION_PERIODS.CATEGORY, EmailLogRetention.MESSAGES).set(RETENTION_PERIODS.DAYS, 365).execute();
  }

  @AfterAll
  static void stop() throws Exception {
    db.close();
  }

  private static Anonymizer anonymizer() {
    return new Anonymizer(db.dsl, Clock.systemUTC(), Map.of(), new PlatformMetrics(new SimpleMeterRegistry(), false),
        List.of(new CronRunRetention(db.dsl), new DeliveryRetention(db.dsl), EmailLogRetention.messages(db.dsl),
            EmailLogRetention.sesEvents(db.dsl), new EventLogRetention(db.dsl, DeliveryRetention::namesEvent)),
        PlatformPlugins.ANONYMIZER_AUDIT);
  }

  private static void cronRun(String id, String outcome, OffsetDateTime finished) {
    db.dsl.insertInto(CRON_RUNS).set(CRON_RUNS.RUN_ID, id).set(CRON_RUNS.WORKFLOW_ID, "cron/x").set(CRON_RUNS.JOB, "x")
        .set(CRON_RUNS.OUTCOME, outcome).set(CRON_RUNS.STARTED_AT, finished == null ? NOW.minusDays(200) : finished)
        .set(CRON_RUNS.FINISHED_AT, finished).execute();
  }

  private static String event(String orgId, String externalId, String status, OffsetDateTime processed) {
    String id = db.storeEvent(orgId, externalId, "petition.completed", "{}").id();
    db.dsl.update(DOMAIN_EVENTS).set(DOMAIN_EVENTS.STATUS, status).set(DOMAIN_EVENTS.PROCESSED_AT, processed)
        .where(DOMAIN_EVENTS.ID.eq(id)).execute();
    return id;
  }

  private static void delivery(String id, String orgId, String eventRowId, String status, OffsetDateTime updated) {
    String subscription = db.subscriptionStore().create(orgId, "https://example.com/h-" + id, List.of("petition.completed")).id();
    db.dsl.insertInto(WEBHOOK_DELIVERIES).set(WEBHOOK_DELIVERIES.ID, id).set(WEBHOOK_DELIVERIES.ORG_ID, orgId)
        .set(WEBHOOK_DELIVERIES.EVENT_ID, eventRowId).set(WEBHOOK_DELIVERIES.SUBSCRIPTION_ID, subscription)
        .set(WEBHOOK_DELIVERIES.STATUS, status).set(WEBHOOK_DELIVERIES.UPDATED_AT, updated).execute();
    db.dsl.insertInto(WEBHOOK_ATTEMPTS).set(WEBHOOK_ATTEMPTS.DELIVERY_ID, id).set(WEBHOOK_ATTEMPTS.ORG_ID, orgId)
        .set(WEBHOOK_ATTEMPTS.NUMBER, 1).set(WEBHOOK_ATTEMPTS.ATTEMPT_KEY, "k-" + id).set(WEBHOOK_ATTEMPTS.OUTCOME, "FAILED")
        .set(WEBHOOK_ATTEMPTS.STARTED_AT, updated).set(WEBHOOK_ATTEMPTS.DURATION_MS, 5).execute();
  }

  private static String email(String orgId, String state, OffsetDateTime created) {
    EmailRequestStore requests = new EmailRequestStore(db.dsl, Clock.systemUTC(), TestDatabase.JSON);
    String id = requests.create(new EmailRequestStore.NewEmail(orgId, null, null, "x@example.com", "document-expiry", "{}", null))
        .email().id();
    db.dsl.update(EMAIL_MESSAGES).set(EMAIL_MESSAGES.STATE, state).set(EMAIL_MESSAGES.CREATED_AT, created)
        .where(EMAIL_MESSAGES.DEDUPE_KEY.eq("app/" + orgId + "/" + id)).execute();
    return id;
  }

  private static void sesEvent(String snsId, String orgId, OffsetDateTime received) {
    db.dsl.insertInto(EMAIL_EVENTS).set(EMAIL_EVENTS.SNS_MESSAGE_ID, snsId).set(EMAIL_EVENTS.ORG_ID, orgId)
        .set(EMAIL_EVENTS.NOTIFICATION_TYPE, "Delivery").set(EMAIL_EVENTS.RECIPIENT, "r@example.com")
        .set(EMAIL_EVENTS.RAW, JSONB.jsonb("{}")).set(EMAIL_EVENTS.RECEIVED_AT, received).execute();
  }

  @Test
  void eachLogLosesWhatEndedPastItsPeriodAndKeepsWhatAWorkflowStillNeeds() {
    cronRun("run-old", "SUCCEEDED", NOW.minusDays(91));
    cronRun("run-recent", "FAILED", NOW.minusDays(89));
    cronRun("run-running", "RUNNING", null);
    String oldEvent = event("org-a", "e-old", "PROCESSED", NOW.minusDays(31));
    String namedEvent = event("org-a", "e-named", "PROCESSED", NOW.minusDays(31));
    String processingEvent = event("org-a", "e-processing", "PROCESSING", null);
    String retryingEvent = event("org-a", "e-retrying", "PROCESSED", NOW.minusDays(40));
    db.dsl.insertInto(EVENT_HANDLER_RUNS).set(EVENT_HANDLER_RUNS.EVENT_ID, oldEvent).set(EVENT_HANDLER_RUNS.ORG_ID, "org-a")
        .set(EVENT_HANDLER_RUNS.HANDLER, "audit").set(EVENT_HANDLER_RUNS.STATUS, "DONE").set(EVENT_HANDLER_RUNS.ATTEMPTS, 2)
        .set(EVENT_HANDLER_RUNS.UPDATED_AT, NOW).execute();
    db.dsl.insertInto(EVENT_HANDLER_RUNS).set(EVENT_HANDLER_RUNS.EVENT_ID, retryingEvent).set(EVENT_HANDLER_RUNS.ORG_ID, "org-a")
        .set(EVENT_HANDLER_RUNS.HANDLER, "audit").set(EVENT_HANDLER_RUNS.STATUS, "RETRYING").set(EVENT_HANDLER_RUNS.ATTEMPTS, 2)
        .set(EVENT_HANDLER_RUNS.UPDATED_AT, NOW).execute();
    String deliveredEvent = event("org-a", "e-delivered", "PROCESSED", NOW.minusDays(31));
    delivery("dlv-old", "org-a", deliveredEvent, "DELIVERED", NOW.minusDays(31));
    delivery("dlv-waiting", "org-a", namedEvent, "WAITING", NOW.minusDays(60));
    String oldEmail = email("org-a", "SENT", NOW.minusDays(181));
    String queuedEmail = email("org-a", "QUEUED", NOW.minusDays(200));
    String keptByOrgB = email("org-b", "SENT", NOW.minusDays(181));
    sesEvent("sns-old", "org-a", NOW.minusDays(91));
    sesEvent("sns-not-ours", null, NOW.minusDays(91));
    sesEvent("sns-recent", "org-a", NOW.minusDays(10));

    Map<String, Long> counts = anonymizer().run(Map.of("batchSize", "2", "parallelism", "1"), () -> {});
    Map<String, Long> again = anonymizer().run(Map.of("parallelism", "1"), () -> {});

    assertThat(counts).containsEntry("cron-runs", 1L).containsEntry("webhook-deliveries", 1L)
        .containsEntry("email-messages", 1L).containsEntry("ses-events", 2L);
    // the delivered event goes once its delivery went (this run or, by step order, the same one)
    assertThat(counts.get("domain-events") + again.get("domain-events")).isEqualTo(2L);
    assertThat(again.get("cron-runs") + again.get("webhook-deliveries") + again.get("email-messages")
        + again.get("ses-events")).isZero();
    assertThat(db.dsl.fetchValues(CRON_RUNS.RUN_ID)).containsExactlyInAnyOrder("run-recent", "run-running");
    assertThat(db.dsl.fetchValues(DOMAIN_EVENTS.ID))
        .contains(namedEvent, processingEvent, retryingEvent).doesNotContain(oldEvent, deliveredEvent);
    assertThat(db.dsl.fetchCount(EVENT_HANDLER_RUNS, EVENT_HANDLER_RUNS.EVENT_ID.eq(oldEvent))).isZero();
    assertThat(db.dsl.fetchValues(WEBHOOK_DELIVERIES.ID)).containsExactly("dlv-waiting");
    assertThat(db.dsl.fetchValues(WEBHOOK_ATTEMPTS.DELIVERY_ID)).containsExactly("dlv-waiting");
    assertThat(db.dsl.fetchValues(EMAIL_REQUESTS.ID)).contains(queuedEmail, keptByOrgB).doesNotContain(oldEmail);
    assertThat(db.dsl.fetchValues(EMAIL_EVENTS.SNS_MESSAGE_ID)).containsExactly("sns-recent");
    // an audit row per organization and batch; the platform-wide rows' of no organization
    assertThat(db.dsl.fetchCount(AUDIT_LOG, AUDIT_LOG.ENTITY_TYPE.eq("cron-run").and(AUDIT_LOG.ORG_ID.isNull()))).isEqualTo(1);
    assertThat(db.dsl.fetchCount(AUDIT_LOG, AUDIT_LOG.ENTITY_TYPE.eq("webhook-delivery").and(AUDIT_LOG.ORG_ID.eq("org-a"))))
        .isEqualTo(1);
  }
}
