package io.workerplatform.webhooks;

import io.workerplatform.events.EventColumns;
import java.time.ZoneOffset;
import java.time.Clock;
import static io.workerplatform.db.Tables.WEBHOOK_ATTEMPTS;
import static io.workerplatform.db.Tables.WEBHOOK_DELIVERIES;
import static io.workerplatform.db.Tables.WEBHOOK_SUBSCRIPTIONS;
import io.workerplatform.common.SecretBox;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.impl.DSL;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;
import org.jooq.SelectJoinStep;

/**
 * What an attempt needs, read in one query: the delivery's target (URL, signing secrets opened
 * from their sealed form, the request body) and the attempt already recorded under the activity
 * execution's key, if it ran before.
 */
final class AttemptTargets {
  private final DSLContext dsl;
  /** Signing secrets are stored sealed, with the subscription's id as context. */
  private final SecretBox secrets;
  private final Map<String, String> opened = new ConcurrentHashMap<>();
  private final JsonMapper json;
  private final Clock clock;

  AttemptTargets(DSLContext dsl, SecretBox secrets, JsonMapper json, Clock clock) {
    this.dsl = dsl;
    this.clock = clock;
    this.secrets = secrets;
    this.json = json;
  }


  /**
   * What an attempt needs, in one query: the delivery's target and, when this activity execution
   * ran before and recorded its attempt, that attempt's outcome.
   */
  Optional<AttemptTarget> load(String deliveryId, String attemptKey) {
    return dsl.fetchOptional(targets(DSL.val(attemptKey)).where(WEBHOOK_DELIVERIES.ID.eq(deliveryId)))
        .map(this::target);
  }

  /**
   * The targets of every delivery of event {@code eventId} (the platform's id) in one query, each
   * with the attempt recorded under {@code attemptKeyPrefix + deliveryId}, if any: what an event's
   * webhooks handler needs for their first attempts.
   */
  List<AttemptTarget> loadAll(String orgId, String eventId, String attemptKeyPrefix) {
    // The condition names the event alone (the organization is checked on the rows): one index
    // to choose, even on a table without statistics yet (see EventStore#load).
    return dsl.fetch(
            targets(DSL.concat(DSL.val(attemptKeyPrefix), WEBHOOK_DELIVERIES.ID))
                .where(WEBHOOK_DELIVERIES.EVENT_ID.eq(eventId))
                .orderBy(WEBHOOK_DELIVERIES.ID))
        .stream()
        .filter(r -> orgId.equals(r.get(EventColumns.ORG_ID)))
        .map(this::target)
        .toList();
  }

  private AttemptTarget target(Record r) {
    return new AttemptTarget(
        r.get(WEBHOOK_DELIVERIES.ID),
        r.get(EventColumns.ORG_ID),
        r.get(TARGET_SUBSCRIPTION_ID),
        r.get(WEBHOOK_SUBSCRIPTIONS.URL),
        signingSecrets(r),
        r.get(WEBHOOK_SUBSCRIPTIONS.ENABLED),
        r.get(WEBHOOK_SUBSCRIPTIONS.DELETED_AT) != null,
        r.get(WEBHOOK_SUBSCRIPTIONS.CONSECUTIVE_FAILURES),
        body(r),
        r.get(WEBHOOK_ATTEMPTS.NUMBER) == null
            ? null
            : new AttemptOutcome(
                r.get(WEBHOOK_ATTEMPTS.NUMBER),
                AttemptOutcome.Result.valueOf(r.get(WEBHOOK_ATTEMPTS.OUTCOME)),
                r.get(WEBHOOK_ATTEMPTS.STATUS_CODE)),
        r.get(WEBHOOK_DELIVERIES.STATUS),
        r.get(WEBHOOK_DELIVERIES.ATTEMPTS));
  }

  /** The current secret, and the previous one while its overlap lasts (both sign requests). */
  private List<String> signingSecrets(Record r) {
    String id = r.get(TARGET_SUBSCRIPTION_ID);
    String current = open(r.get(WEBHOOK_SUBSCRIPTIONS.SECRET), id);
    OffsetDateTime until = r.get(WEBHOOK_SUBSCRIPTIONS.PREVIOUS_SECRET_UNTIL);
    if (r.get(WEBHOOK_SUBSCRIPTIONS.PREVIOUS_SECRET) == null || until == null || !until.isAfter(now())) {
      return List.of(current);
    }
    return List.of(current, open(r.get(WEBHOOK_SUBSCRIPTIONS.PREVIOUS_SECRET), id));
  }

  /**
   * Opens a sealed secret once per process, not once per attempt (AES-GCM with a fresh cipher
   * was about 1.5 % of the host's CPU per delivery). Keyed by the sealed value and its row, so a
   * rotated or moved secret is opened (and checked) anew.
   */
  private String open(String sealed, String subscriptionId) {
    if (opened.size() > 10_000) {
      opened.clear();
    }
    return opened.computeIfAbsent(subscriptionId + " " + sealed, k -> secrets.open(sealed, subscriptionId));
  }

  /** Every column of the target has a name of its own: rows are read back by name. */
  private static final Field<String> TARGET_SUBSCRIPTION_ID = WEBHOOK_SUBSCRIPTIONS.ID.as("subscription_id");

  /** The event's id as its organization knows it. */
  private static final Field<String> TARGET_EVENT_ID = EventColumns.EVENT_ID.as("event_id");

  /** Deliveries with their subscription, event and the attempt recorded under {@code attemptKey}. */
  private static SelectJoinStep<?> targets(Field<String> attemptKey) {
    return DSL.select(
            WEBHOOK_DELIVERIES.ID,
            TARGET_SUBSCRIPTION_ID,
            WEBHOOK_SUBSCRIPTIONS.URL,
            WEBHOOK_SUBSCRIPTIONS.SECRET,
            WEBHOOK_SUBSCRIPTIONS.PREVIOUS_SECRET,
            WEBHOOK_SUBSCRIPTIONS.PREVIOUS_SECRET_UNTIL,
            WEBHOOK_SUBSCRIPTIONS.ENABLED,
            WEBHOOK_SUBSCRIPTIONS.DELETED_AT,
            WEBHOOK_SUBSCRIPTIONS.CONSECUTIVE_FAILURES,
            TARGET_EVENT_ID,
            EventColumns.TYPE,
            EventColumns.ORG_ID,
            EventColumns.CREATED_AT,
            EventColumns.PAYLOAD,
            WEBHOOK_ATTEMPTS.NUMBER,
            WEBHOOK_ATTEMPTS.OUTCOME,
            WEBHOOK_ATTEMPTS.STATUS_CODE,
            WEBHOOK_DELIVERIES.STATUS,
            WEBHOOK_DELIVERIES.ATTEMPTS)
        .from(WEBHOOK_DELIVERIES)
        .join(WEBHOOK_SUBSCRIPTIONS)
        .on(WEBHOOK_SUBSCRIPTIONS.ID.eq(WEBHOOK_DELIVERIES.SUBSCRIPTION_ID)
            .and(WEBHOOK_SUBSCRIPTIONS.ORG_ID.eq(WEBHOOK_DELIVERIES.ORG_ID)))
        .join(EventColumns.TABLE)
        .on(EventColumns.of(WEBHOOK_DELIVERIES.EVENT_ID, WEBHOOK_DELIVERIES.ORG_ID))
        .leftJoin(WEBHOOK_ATTEMPTS)
        .on(WEBHOOK_ATTEMPTS.ATTEMPT_KEY.eq(attemptKey))
        .and(WEBHOOK_ATTEMPTS.ORG_ID.eq(WEBHOOK_DELIVERIES.ORG_ID))
        .and(WEBHOOK_ATTEMPTS.DELIVERY_ID.eq(WEBHOOK_DELIVERIES.ID));
  }

  /** The request body: the event's envelope around its stored JSON data. */
  private byte[] body(Record r) {
    ObjectNode body = json.createObjectNode();
    body.put("id", r.get(TARGET_EVENT_ID));
    body.put("type", r.get(EventColumns.TYPE));
    body.put("orgId", r.get(EventColumns.ORG_ID));
    body.put("timestamp", r.get(EventColumns.CREATED_AT).toInstant().toString());
    body.set("data", json.readTree(r.get(EventColumns.PAYLOAD).data()));
    return json.writeValueAsBytes(body);
  }

  private OffsetDateTime now() {
    return OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
  }
}
