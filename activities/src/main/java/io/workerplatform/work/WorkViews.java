package io.workerplatform.work;

import static io.workerplatform.db.Tables.BULK_SENDS;
import static io.workerplatform.db.Tables.DOMAIN_EVENTS;
import static io.workerplatform.db.Tables.EMAIL_MESSAGES;
import static io.workerplatform.db.Tables.ERASURES;
import static io.workerplatform.db.Tables.EXPORTS;
import static io.workerplatform.db.Tables.SIGNATURE_REQUESTS;
import static io.workerplatform.db.Tables.WEBHOOK_ATTEMPTS;
import static io.workerplatform.db.Tables.WEBHOOK_DELIVERIES;

import io.workerplatform.bulksend.BulkSendStore;
import io.workerplatform.bulksend.BulkSendWorkflow;
import io.workerplatform.common.Page;
import io.workerplatform.events.DomainEventWorkflow;
import io.workerplatform.gdpr.DataExportWorkflow;
import io.workerplatform.gdpr.ErasureResult;
import io.workerplatform.gdpr.ErasureWorkflow;
import io.workerplatform.gdpr.ExportResult;
import io.workerplatform.signature.SignatureStore;
import io.workerplatform.signature.SignatureWorkflow;
import io.workerplatform.webhook.WebhookDeliveryWorkflow;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.SelectJoinStep;
import org.jooq.Table;
import org.jooq.impl.DSL;

/**
 * The lists and counts behind the queue stats: per kind of work, its rows by status, newest first,
 * read from the application's tables (the embedded server has no visibility queries). Each item
 * names its workflow, for the Temporal Web UI.
 */
public class WorkViews {
  /** A kind of work: its table, the columns every list reads, and the statuses it knows. */
  public record Kind<T>(
      String key,
      Table<?> table,
      Field<String> id,
      Field<String> orgId,
      Field<String> status,
      Field<OffsetDateTime> createdAt,
      List<String> statuses,
      Function<SelectJoinStep<Record>, SelectJoinStep<Record>> joins,
      Function<Record, T> item) {}

  /** Filters of a list: a status, and a creation time range. */
  public record Filter(Optional<String> status, Optional<Instant> since, Optional<Instant> until) {
    public static final Filter ALL = new Filter(Optional.empty(), Optional.empty(), Optional.empty());
  }

  public record Event(
      String id, String type, String status, String orderingKey, Instant processAt, Instant createdAt,
      Instant processedAt, String workflowId) {}

  public record Delivery(
      String id, String eventId, String subscriptionId, String status, int attempts, Instant nextAttemptAt,
      String lastError, Instant createdAt, Instant updatedAt, String workflowId) {}

  public record BulkSend(
      String id, String petitionId, String template, String status, int total, int sent, int skipped, int suppressed,
      int failed, Instant createdAt, Instant finishedAt, String workflowId, Instant sendAt) {}

  public record SignatureRequest(
      String id, String petitionId, String provider, String status, int remindersSent, String reason,
      Instant createdAt, Instant finishedAt, String workflowId) {}

  public record Export(
      String id, String contactId, String status, Long sizeBytes, String error, Instant createdAt,
      Instant completedAt, Instant expiresAt, String workflowId) {}

  public record Erasure(
      String contactId, String status, String error, Instant requestedAt, Instant finishedAt, String workflowId) {}

  /** Domain events; an item's id is its organization's id for it. */
  public static final Kind<Event> EVENTS_KIND =
      new Kind<>(
          "events",
          DOMAIN_EVENTS,
          DOMAIN_EVENTS.ID,
          DOMAIN_EVENTS.ORG_ID,
          DOMAIN_EVENTS.STATUS,
          DOMAIN_EVENTS.CREATED_AT,
          List.of(
              DomainEventWorkflow.SCHEDULED, DomainEventWorkflow.PROCESSING, DomainEventWorkflow.PROCESSED,
              DomainEventWorkflow.CANCELLED, DomainEventWorkflow.FAILED),
          Function.identity(),
          r ->
              new Event(
                  r.get(DOMAIN_EVENTS.EXTERNAL_ID),
                  r.get(DOMAIN_EVENTS.TYPE),
                  r.get(DOMAIN_EVENTS.STATUS),
                  r.get(DOMAIN_EVENTS.ORDERING_KEY),
                  instant(r.get(DOMAIN_EVENTS.PROCESS_AT)),
                  instant(r.get(DOMAIN_EVENTS.CREATED_AT)),
                  instant(r.get(DOMAIN_EVENTS.PROCESSED_AT)),
                  DomainEventWorkflow.workflowId(r.get(DOMAIN_EVENTS.ORG_ID), r.get(DOMAIN_EVENTS.EXTERNAL_ID))));

  public static final Kind<Delivery> DELIVERIES =
      new Kind<>(
          "webhookDeliveries",
          WEBHOOK_DELIVERIES,
          WEBHOOK_DELIVERIES.ID,
          WEBHOOK_DELIVERIES.ORG_ID,
          WEBHOOK_DELIVERIES.STATUS,
          WEBHOOK_DELIVERIES.CREATED_AT,
          List.of(
              WebhookDeliveryWorkflow.PENDING, WebhookDeliveryWorkflow.SENDING, WebhookDeliveryWorkflow.WAITING,
              WebhookDeliveryWorkflow.DELIVERED, WebhookDeliveryWorkflow.FAILED, WebhookDeliveryWorkflow.DISABLED,
              WebhookDeliveryWorkflow.CANCELLED),
          // the event's id as its organization knows it
          from ->
              from.join(DOMAIN_EVENTS)
                  .on(DOMAIN_EVENTS.ID.eq(WEBHOOK_DELIVERIES.EVENT_ID).and(DOMAIN_EVENTS.ORG_ID.eq(WEBHOOK_DELIVERIES.ORG_ID))),
          r ->
              new Delivery(
                  r.get(WEBHOOK_DELIVERIES.ID),
                  r.get(DOMAIN_EVENTS.EXTERNAL_ID),
                  r.get(WEBHOOK_DELIVERIES.SUBSCRIPTION_ID),
                  r.get(WEBHOOK_DELIVERIES.STATUS),
                  r.get(WEBHOOK_DELIVERIES.ATTEMPTS),
                  instant(r.get(WEBHOOK_DELIVERIES.NEXT_ATTEMPT_AT)),
                  r.get(WEBHOOK_DELIVERIES.LAST_ERROR),
                  instant(r.get(WEBHOOK_DELIVERIES.CREATED_AT)),
                  instant(r.get(WEBHOOK_DELIVERIES.UPDATED_AT)),
                  WebhookDeliveryWorkflow.workflowId(r.get(WEBHOOK_DELIVERIES.ID))));

  public static final Kind<BulkSend> BULK_SENDS_KIND =
      new Kind<>(
          "bulkSends",
          BULK_SENDS,
          BULK_SENDS.ID,
          BULK_SENDS.ORG_ID,
          BULK_SENDS.STATUS,
          BULK_SENDS.CREATED_AT,
          List.of(
              BulkSendStore.CREATED, BulkSendWorkflow.SCHEDULED, BulkSendWorkflow.RUNNING, BulkSendWorkflow.PAUSED, BulkSendWorkflow.CANCELLING,
              BulkSendWorkflow.COMPLETED, BulkSendWorkflow.CANCELLED),
          Function.identity(),
          r ->
              new BulkSend(
                  r.get(BULK_SENDS.ID),
                  r.get(BULK_SENDS.PETITION_ID),
                  r.get(BULK_SENDS.TEMPLATE),
                  r.get(BULK_SENDS.STATUS),
                  r.get(BULK_SENDS.TOTAL),
                  r.get(BULK_SENDS.SENT),
                  r.get(BULK_SENDS.SKIPPED),
                  r.get(BULK_SENDS.SUPPRESSED),
                  r.get(BULK_SENDS.FAILED),
                  instant(r.get(BULK_SENDS.CREATED_AT)),
                  instant(r.get(BULK_SENDS.FINISHED_AT)),
                  BulkSendWorkflow.workflowId(r.get(BULK_SENDS.ID)),
                  instant(r.get(BULK_SENDS.SEND_AT))));

  public static final Kind<SignatureRequest> SIGNATURE_REQUESTS_KIND =
      new Kind<>(
          "signatureRequests",
          SIGNATURE_REQUESTS,
          SIGNATURE_REQUESTS.ID,
          SIGNATURE_REQUESTS.ORG_ID,
          SIGNATURE_REQUESTS.STATE,
          SIGNATURE_REQUESTS.CREATED_AT,
          List.of(
              SignatureStore.REQUESTED, SignatureWorkflow.CREATING, SignatureWorkflow.AWAITING_SIGNATURES,
              SignatureWorkflow.STORING_DOCUMENT, SignatureWorkflow.COMPLETED, SignatureWorkflow.DECLINED,
              SignatureWorkflow.EXPIRED, SignatureWorkflow.CANCELLED, SignatureWorkflow.FAILED),
          Function.identity(),
          r ->
              new SignatureRequest(
                  r.get(SIGNATURE_REQUESTS.ID),
                  r.get(SIGNATURE_REQUESTS.PETITION_ID),
                  r.get(SIGNATURE_REQUESTS.PROVIDER),
                  r.get(SIGNATURE_REQUESTS.STATE),
                  r.get(SIGNATURE_REQUESTS.REMINDERS_SENT),
                  r.get(SIGNATURE_REQUESTS.REASON),
                  instant(r.get(SIGNATURE_REQUESTS.CREATED_AT)),
                  instant(r.get(SIGNATURE_REQUESTS.FINISHED_AT)),
                  SignatureWorkflow.workflowId(r.get(SIGNATURE_REQUESTS.ID))));

  public static final Kind<Export> EXPORTS_KIND =
      new Kind<>(
          "exports",
          EXPORTS,
          EXPORTS.ID,
          EXPORTS.ORG_ID,
          EXPORTS.STATUS,
          EXPORTS.CREATED_AT,
          List.of(
              ExportResult.PENDING, ExportResult.PROCESSING, ExportResult.COMPLETED, ExportResult.FAILED,
              ExportResult.EXPIRED),
          Function.identity(),
          r ->
              new Export(
                  r.get(EXPORTS.ID),
                  r.get(EXPORTS.CONTACT_ID),
                  r.get(EXPORTS.STATUS),
                  r.get(EXPORTS.SIZE_BYTES),
                  r.get(EXPORTS.ERROR),
                  instant(r.get(EXPORTS.CREATED_AT)),
                  instant(r.get(EXPORTS.COMPLETED_AT)),
                  instant(r.get(EXPORTS.EXPIRES_AT)),
                  DataExportWorkflow.workflowId(r.get(EXPORTS.ID))));

  public static final Kind<Erasure> ERASURES_KIND =
      new Kind<>(
          "erasures",
          ERASURES,
          ERASURES.CONTACT_ID,
          ERASURES.ORG_ID,
          ERASURES.STATUS,
          ERASURES.REQUESTED_AT,
          List.of(ErasureResult.PENDING, ErasureResult.COMPLETED, ErasureResult.FAILED),
          Function.identity(),
          r ->
              new Erasure(
                  r.get(ERASURES.CONTACT_ID),
                  r.get(ERASURES.STATUS),
                  r.get(ERASURES.ERROR),
                  instant(r.get(ERASURES.REQUESTED_AT)),
                  instant(r.get(ERASURES.FINISHED_AT)),
                  ErasureWorkflow.workflowId(r.get(ERASURES.CONTACT_ID))));

  /** Every kind, in the order the stats list them. */
  public static final List<Kind<?>> KINDS =
      List.of(EVENTS_KIND, DELIVERIES, BULK_SENDS_KIND, SIGNATURE_REQUESTS_KIND, EXPORTS_KIND, ERASURES_KIND);

  private final DSLContext dsl;

  public WorkViews(DSLContext dsl) {
    this.dsl = dsl;
  }

  /** One page of the organization's work of this kind, newest first. */
  public <T> Page<T> list(Kind<T> kind, String orgId, Filter filter, int limit, Optional<Page.After> after) {
    return list(kind, orgId, filter, DSL.noCondition(), limit, after);
  }

  /** The same, narrowed by a condition of the kind's own (an event's type, say). */
  public <T> Page<T> list(
      Kind<T> kind, String orgId, Filter filter, Condition narrowed, int limit, Optional<Page.After> after) {
    Condition where = kind.orgId().eq(orgId).and(narrowed);
    if (filter.status().isPresent()) {
      where = where.and(kind.status().eq(filter.status().get()));
    }
    if (filter.since().isPresent()) {
      where = where.and(kind.createdAt().ge(filter.since().get().atOffset(ZoneOffset.UTC)));
    }
    if (filter.until().isPresent()) {
      where = where.and(kind.createdAt().lt(filter.until().get().atOffset(ZoneOffset.UTC)));
    }
    if (after.isPresent()) {
      where = where.and(DSL.row(kind.createdAt(), kind.id()).lt(after.get().createdAt(), after.get().id()));
    }
    List<Record> rows =
        kind.joins()
            .apply(dsl.select().from(kind.table()))
            .where(where)
            .orderBy(kind.createdAt().desc(), kind.id().desc())
            .limit(limit + 1)
            .fetch();
    return Page.of(rows, limit, r -> r.get(kind.createdAt()), r -> r.get(kind.id()), kind.item());
  }

  /**
   * Counts by status of every kind, for one organization or (null) all of them: every known
   * status is present, with 0 when none is in it.
   */
  public Map<String, Map<String, Long>> counts(String orgIdOrAll) {
    Map<String, Map<String, Long>> all = new LinkedHashMap<>();
    for (Kind<?> kind : KINDS) {
      Map<String, Long> counts = new LinkedHashMap<>();
      kind.statuses().forEach(s -> counts.put(s, 0L));
      Condition where = orgIdOrAll == null ? DSL.noCondition() : kind.orgId().eq(orgIdOrAll);
      dsl.select(kind.status(), DSL.count())
          .from(kind.table())
          .where(where)
          .groupBy(kind.status())
          .fetch()
          .forEach(r -> counts.put(r.value1(), r.value2().longValue()));
      all.put(kind.key(), counts);
    }
    return all;
  }

  /** Per minute over the last hour: webhook attempts (all, and delivered) and emails sent. */
  public record Minute(Instant minute, long attempts, long delivered, long sent) {}

  /**
   * The last 60 minutes up to {@code now}, oldest first, every minute present; one organization's
   * or (null) all of them.
   */
  public List<Minute> lastHour(String orgIdOrAll, Instant now) {
    Instant end = now.truncatedTo(java.time.temporal.ChronoUnit.MINUTES).plusSeconds(60);
    Instant start = end.minusSeconds(3600);
    Field<OffsetDateTime> attemptMinute = DSL.trunc(WEBHOOK_ATTEMPTS.STARTED_AT, org.jooq.DatePart.MINUTE);
    Condition attemptsWhere =
        WEBHOOK_ATTEMPTS.STARTED_AT.ge(start.atOffset(ZoneOffset.UTC))
            .and(orgIdOrAll == null ? DSL.noCondition() : WEBHOOK_ATTEMPTS.ORG_ID.eq(orgIdOrAll));
    Map<Instant, long[]> byMinute = new java.util.TreeMap<>();
    for (int i = 0; i < 60; i++) {
      byMinute.put(start.plusSeconds(60L * i), new long[3]);
    }
    dsl.select(attemptMinute, DSL.count(), DSL.count().filterWhere(WEBHOOK_ATTEMPTS.OUTCOME.eq("DELIVERED")))
        .from(WEBHOOK_ATTEMPTS)
        .where(attemptsWhere)
        .groupBy(attemptMinute)
        .forEach(r -> {
          long[] counts = byMinute.get(r.value1().toInstant());
          if (counts != null) {
            counts[0] = r.value2();
            counts[1] = r.value3();
          }
        });
    Field<OffsetDateTime> sentMinute = DSL.trunc(EMAIL_MESSAGES.CREATED_AT, org.jooq.DatePart.MINUTE);
    dsl.select(sentMinute, DSL.count())
        .from(EMAIL_MESSAGES)
        .where(EMAIL_MESSAGES.CREATED_AT.ge(start.atOffset(ZoneOffset.UTC)))
        .and(EMAIL_MESSAGES.STATE.eq("SENT"))
        .and(orgIdOrAll == null ? DSL.noCondition() : EMAIL_MESSAGES.ORG_ID.eq(orgIdOrAll))
        .groupBy(sentMinute)
        .forEach(r -> {
          long[] counts = byMinute.get(r.value1().toInstant());
          if (counts != null) {
            counts[2] = r.value2();
          }
        });
    return byMinute.entrySet().stream()
        .map(e -> new Minute(e.getKey(), e.getValue()[0], e.getValue()[1], e.getValue()[2]))
        .toList();
  }

  private static Instant instant(OffsetDateTime at) {
    return at == null ? null : at.toInstant();
  }
}
