package io.workerplatform.email;

import static io.workerplatform.db.Tables.EMAIL_MESSAGES;
import static io.workerplatform.db.Tables.EMAIL_REQUESTS;

import io.workerplatform.common.Ids;
import io.workerplatform.outbox.OutboxTable;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.QueryPart;
import org.jooq.Record;
import org.jooq.impl.DSL;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The application's email requests ({@code email_requests}) and how they stand, read with their
 * message. Written by {@link EmailInsert}'s statement: the message {@code QUEUED} and the request
 * together.
 */
public class EmailRequestStore {
  /** Started after the commit by the API or the starters; the relay starts one left unstarted. */
  public static final OutboxTable OUTBOX = OutboxTable.of(
      EMAIL_REQUESTS, EMAIL_REQUESTS.ID, EMAIL_REQUESTS.ORG_ID, EMAIL_REQUESTS.CREATED_AT,
      EMAIL_REQUESTS.WORKFLOW_STARTED_AT);

  private static final TypeReference<Map<String, Object>> DATA = new TypeReference<>() {};

  /** A request to store: recipient (exactly one of contact, member, address), template, data, key. */
  public record NewEmail(
      String orgId, String contactId, String memberId, String address, String template, String dataJson,
      String dedupeKey) {}

  /** The request holding the key: {@code created} false when it was stored before (same key). */
  public record Stored(EmailView email, boolean created) {}

  /**
   * An email as the API shows it: {@code status} is SES's report once there is one ({@code
   * DELIVERED}, {@code BOUNCED}, {@code COMPLAINED}), else the message's state; {@code reason}
   * why it failed, was skipped or bounced (a category, never SES's text).
   */
  public record EmailView(
      String id, String status, boolean inDoubt, String reason, String template, String contactId, String memberId,
      String address, String dedupeKey, Instant createdAt, Instant updatedAt) {}

  /** What sending a request needs. */
  record Requested(
      String orgId, String dedupeKey, String template, String contactId, String memberId, String address,
      Map<String, Object> data, String state) {}

  private final DSLContext dsl;
  private final Clock clock;
  private final JsonMapper json;

  public EmailRequestStore(DSLContext dsl, Clock clock, JsonMapper json) {
    this.dsl = dsl;
    this.clock = clock;
    this.json = json;
  }

  /** Stores the request and its message, or finds the request that holds its key. */
  public Stored create(NewEmail email) {
    String id = Ids.newInternalId("eml");
    String key = EmailInsert.dedupeKey(email.orgId(), email.dedupeKey() == null ? id : email.dedupeKey());
    EmailInsert row = new EmailInsert(
        id, email.orgId(), key, email.contactId(), email.memberId(), email.address(), email.template(),
        email.dataJson(), now());
    List<QueryPart> parts = new ArrayList<>(List.of(EMAIL_MESSAGES, EMAIL_REQUESTS));
    row.values().forEach(value -> parts.add(DSL.val(value)));
    boolean created = !dsl.fetch(EmailInsert.TEMPLATE, parts.toArray(QueryPart[]::new)).isEmpty();
    String heldBy = created ? id
        : dsl.select(EMAIL_REQUESTS.ID).from(EMAIL_REQUESTS)
            .where(EMAIL_REQUESTS.DEDUPE_KEY.eq(key)).and(EMAIL_REQUESTS.ORG_ID.eq(email.orgId()))
            .fetchOptional(EMAIL_REQUESTS.ID)
            .orElseThrow(() -> new IllegalStateException("message key " + key + " is held by no request"));
    return new Stored(find(email.orgId(), heldBy).orElseThrow(), created);
  }

  /** The organization's email {@code id}, with its message. */
  public Optional<EmailView> find(String orgId, String id) {
    return dsl.select(EMAIL_REQUESTS.ID, EMAIL_REQUESTS.CREATED_AT, EMAIL_REQUESTS.DEDUPE_KEY, EMAIL_MESSAGES.STATE,
            EMAIL_MESSAGES.DELIVERY, EMAIL_MESSAGES.DELIVERY_REASON, EMAIL_MESSAGES.ERROR, EMAIL_MESSAGES.IN_DOUBT,
            EMAIL_MESSAGES.TEMPLATE, EMAIL_MESSAGES.CONTACT_ID, EMAIL_MESSAGES.MEMBER_ID, EMAIL_MESSAGES.ADDRESS,
            EMAIL_MESSAGES.UPDATED_AT, EMAIL_MESSAGES.DELIVERY_AT)
        .from(EMAIL_REQUESTS)
        .join(EMAIL_MESSAGES).on(EMAIL_MESSAGES.DEDUPE_KEY.eq(EMAIL_REQUESTS.DEDUPE_KEY))
        .where(EMAIL_REQUESTS.ID.eq(id))
        .and(EMAIL_REQUESTS.ORG_ID.eq(orgId))
        .fetchOptional(EmailRequestStore::view);
  }

  private static EmailView view(Record r) {
    String delivery = r.get(EMAIL_MESSAGES.DELIVERY);
    OffsetDateTime updated = r.get(EMAIL_MESSAGES.DELIVERY_AT) != null ? r.get(EMAIL_MESSAGES.DELIVERY_AT)
        : r.get(EMAIL_MESSAGES.UPDATED_AT);
    String key = r.get(EMAIL_REQUESTS.DEDUPE_KEY);
    // app/<org>/<key>: the application's own key is what follows the organization (ids hold no '/')
    String ownKey = key.substring(key.indexOf('/', "app/".length()) + 1);
    return new EmailView(
        r.get(EMAIL_REQUESTS.ID),
        delivery != null ? delivery : r.get(EMAIL_MESSAGES.STATE),
        r.get(EMAIL_MESSAGES.IN_DOUBT),
        delivery != null && !EmailDeliveries.DELIVERED.equals(delivery) ? r.get(EMAIL_MESSAGES.DELIVERY_REASON)
            : r.get(EMAIL_MESSAGES.ERROR),
        r.get(EMAIL_MESSAGES.TEMPLATE),
        r.get(EMAIL_MESSAGES.CONTACT_ID),
        r.get(EMAIL_MESSAGES.MEMBER_ID),
        r.get(EMAIL_MESSAGES.ADDRESS),
        ownKey.equals(r.get(EMAIL_REQUESTS.ID)) ? null : ownKey,
        r.get(EMAIL_REQUESTS.CREATED_AT).toInstant(),
        updated.toInstant());
  }

  /**
   * Puts a {@code FAILED} message of the organization's request back to {@code QUEUED}, for a new
   * attempt under the same key (its earlier calls stay counted: a message is counted against the
   * usage limit once). False when the request is not the organization's or its message did not fail.
   */
  public boolean requeueFailed(String orgId, String id) {
    return dsl.transactionResult(tx -> {
      boolean requeued = requeue(tx.dsl(), orgId, id);
      if (requeued) { // the relay starts it again should the start after this commit fail
        tx.dsl().update(EMAIL_REQUESTS).setNull(EMAIL_REQUESTS.WORKFLOW_STARTED_AT)
            .where(EMAIL_REQUESTS.ID.eq(id)).and(EMAIL_REQUESTS.ORG_ID.eq(orgId)).execute();
      }
      return requeued;
    });
  }

  private boolean requeue(DSLContext dsl, String orgId, String id) {
    return dsl.update(EMAIL_MESSAGES)
        .set(EMAIL_MESSAGES.STATE, EmailState.QUEUED)
        .set(EMAIL_MESSAGES.ERROR, (String) null)
        .set(EMAIL_MESSAGES.CLAIMED_BY, (String) null)
        .set(EMAIL_MESSAGES.UPDATED_AT, now())
        .where(EMAIL_MESSAGES.DEDUPE_KEY.eq(DSL.select(EMAIL_REQUESTS.DEDUPE_KEY).from(EMAIL_REQUESTS)
            .where(EMAIL_REQUESTS.ID.eq(id)).and(EMAIL_REQUESTS.ORG_ID.eq(orgId))))
        .and(EMAIL_MESSAGES.STATE.eq(EmailState.FAILED))
        .execute() == 1;
  }

  /** The request {@code id} with its message, for sending it. */
  Optional<Requested> requested(String orgId, String id) {
    return dsl.select(EMAIL_REQUESTS.DEDUPE_KEY, EMAIL_REQUESTS.DATA, EMAIL_MESSAGES.TEMPLATE,
            EMAIL_MESSAGES.CONTACT_ID, EMAIL_MESSAGES.MEMBER_ID, EMAIL_MESSAGES.ADDRESS, EMAIL_MESSAGES.STATE)
        .from(EMAIL_REQUESTS)
        .join(EMAIL_MESSAGES).on(EMAIL_MESSAGES.DEDUPE_KEY.eq(EMAIL_REQUESTS.DEDUPE_KEY))
        .where(EMAIL_REQUESTS.ID.eq(id))
        .and(EMAIL_REQUESTS.ORG_ID.eq(orgId))
        .fetchOptional(r -> new Requested(
            orgId, r.value1(), r.value3(), r.value4(), r.value5(), r.value6(),
            json.readValue(r.value2().data(), DATA), r.value7()));
  }

  private OffsetDateTime now() {
    return OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
  }
}
