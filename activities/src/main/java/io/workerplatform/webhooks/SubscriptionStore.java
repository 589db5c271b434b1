package io.workerplatform.webhooks;

import static io.workerplatform.db.Tables.WEBHOOK_DELIVERIES;
import static io.workerplatform.db.Tables.WEBHOOK_SUBSCRIPTIONS;
import static io.workerplatform.db.Tables.WEBHOOK_SUBSCRIPTION_EVENT_TYPES;

import io.workerplatform.events.EventColumns;
import io.workerplatform.common.Ids;
import io.workerplatform.common.Organizations;
import io.workerplatform.common.Page;
import io.workerplatform.common.SecretBox;
import io.workerplatform.db.tables.records.WebhookSubscriptionsRecord;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.TableField;
import org.jooq.impl.DSL;

/**
 * Webhook subscriptions through their life: created with a signing secret (sealed at rest),
 * listed, changed, deleted softly (the row stays for its deliveries, but gets no new ones), and
 * their secret rotated with an overlap during which requests carry both signatures.
 */
public class SubscriptionStore {
  /** Deliveries that have not ended: a deleted subscription's are cancelled. */
  static final List<String> OPEN = List.of(
      WebhookDeliveryWorkflow.PENDING, WebhookDeliveryWorkflow.SENDING, WebhookDeliveryWorkflow.WAITING);

  /** A subscription as its organization sees it: everything but the secret. */
  public record View(
      String id, String url, List<String> eventTypes, boolean enabled, String disabledReason,
      OffsetDateTime createdAt, OffsetDateTime updatedAt) {}

  /** A change; null fields stay as they are. */
  public record Change(String url, List<String> eventTypes, Boolean enabled) {}

  private final DSLContext dsl;
  private final Clock clock;
  private final SecretBox secrets;

  public SubscriptionStore(DSLContext dsl, Clock clock, SecretBox secrets) {
    this.dsl = dsl;
    this.clock = clock;
    this.secrets = secrets;
  }

  public Subscription create(String orgId, String url, List<String> eventTypes) {
    return Organizations.writingFor(
        orgId,
        () ->
            dsl.transactionResult(
                tx -> {
                  DSLContext t = tx.dsl();
                  String id = Ids.newId("sub");
                  String secret = WebhookSignature.newSecret();
                  t.insertInto(WEBHOOK_SUBSCRIPTIONS)
                      .set(WEBHOOK_SUBSCRIPTIONS.ID, id)
                      .set(WEBHOOK_SUBSCRIPTIONS.ORG_ID, orgId)
                      .set(WEBHOOK_SUBSCRIPTIONS.URL, url)
                      .set(WEBHOOK_SUBSCRIPTIONS.SECRET, secrets.seal(secret, id))
                      .set(WEBHOOK_SUBSCRIPTIONS.CREATED_AT, now())
                      .execute();
                  List<String> types = eventTypes.stream().distinct().toList();
                  setEventTypes(t, orgId, id, types);
                  return new Subscription(id, orgId, url, types, secret, true, null);
                }));
  }

  /** With its secret in clear: for the platform's own use (signing), never for the API. */
  public Optional<Subscription> find(String id) {
    return dsl.selectFrom(WEBHOOK_SUBSCRIPTIONS)
        .where(WEBHOOK_SUBSCRIPTIONS.ID.eq(id))
        .fetchOptional(
            s -> new Subscription(
                s.getId(), s.getOrgId(), s.getUrl(), eventTypes(dsl, s.getId()),
                secrets.open(s.getSecret(), s.getId()), s.getEnabled(), s.getDisabledReason()));
  }

  /** The organization's subscription, unless deleted. */
  public Optional<View> find(String orgId, String id) {
    return dsl.selectFrom(WEBHOOK_SUBSCRIPTIONS)
        .where(mine(orgId, id))
        .fetchOptional(s -> view(s, eventTypes(dsl, s.getId())));
  }

  /** The organization's subscriptions that are not deleted, newest first. */
  public Page<View> list(String orgId, int limit, Optional<Page.After> after) {
    Condition where = WEBHOOK_SUBSCRIPTIONS.ORG_ID.eq(orgId).and(WEBHOOK_SUBSCRIPTIONS.DELETED_AT.isNull());
    if (after.isPresent()) {
      where = where.and(DSL.row(WEBHOOK_SUBSCRIPTIONS.CREATED_AT, WEBHOOK_SUBSCRIPTIONS.ID)
          .lt(after.get().createdAt(), after.get().id()));
    }
    List<WebhookSubscriptionsRecord> rows =
        dsl.selectFrom(WEBHOOK_SUBSCRIPTIONS)
            .where(where)
            .orderBy(WEBHOOK_SUBSCRIPTIONS.CREATED_AT.desc(), WEBHOOK_SUBSCRIPTIONS.ID.desc())
            .limit(limit + 1)
            .fetch();
    Map<String, List<String>> types =
        dsl.select(WEBHOOK_SUBSCRIPTION_EVENT_TYPES.SUBSCRIPTION_ID, WEBHOOK_SUBSCRIPTION_EVENT_TYPES.EVENT_TYPE)
            .from(WEBHOOK_SUBSCRIPTION_EVENT_TYPES)
            .where(WEBHOOK_SUBSCRIPTION_EVENT_TYPES.SUBSCRIPTION_ID.in(rows.stream().map(WebhookSubscriptionsRecord::getId).toList()))
            .orderBy(WEBHOOK_SUBSCRIPTION_EVENT_TYPES.EVENT_TYPE)
            .fetchGroups(WEBHOOK_SUBSCRIPTION_EVENT_TYPES.SUBSCRIPTION_ID, WEBHOOK_SUBSCRIPTION_EVENT_TYPES.EVENT_TYPE);
    return Page.of(
        rows, limit, WebhookSubscriptionsRecord::getCreatedAt, WebhookSubscriptionsRecord::getId,
        s -> view(s, types.getOrDefault(s.getId(), List.of())));
  }

  /**
   * Applies the change; enabling again also forgets the failures that disabled it. Empty when the
   * organization has no such subscription.
   */
  public Optional<View> update(String orgId, String id, Change change) {
    return dsl.transactionResult(tx -> {
      DSLContext t = tx.dsl();
      var update = t.update(WEBHOOK_SUBSCRIPTIONS).set(WEBHOOK_SUBSCRIPTIONS.UPDATED_AT, now());
      if (change.url() != null) {
        update = update.set(WEBHOOK_SUBSCRIPTIONS.URL, change.url());
      }
      if (Boolean.TRUE.equals(change.enabled())) {
        update = update.set(WEBHOOK_SUBSCRIPTIONS.ENABLED, true)
            .set(WEBHOOK_SUBSCRIPTIONS.DISABLED_REASON, (String) null)
            .set(WEBHOOK_SUBSCRIPTIONS.DISABLED_AT, (OffsetDateTime) null)
            .set(WEBHOOK_SUBSCRIPTIONS.CONSECUTIVE_FAILURES, 0);
      } else if (Boolean.FALSE.equals(change.enabled())) {
        update = update.set(WEBHOOK_SUBSCRIPTIONS.ENABLED, false)
            .set(WEBHOOK_SUBSCRIPTIONS.DISABLED_REASON, "disabled through the API")
            .set(WEBHOOK_SUBSCRIPTIONS.DISABLED_AT, now());
      }
      if (update.where(mine(orgId, id)).execute() == 0) {
        return Optional.<View>empty();
      }
      if (change.eventTypes() != null) {
        t.deleteFrom(WEBHOOK_SUBSCRIPTION_EVENT_TYPES)
            .where(WEBHOOK_SUBSCRIPTION_EVENT_TYPES.SUBSCRIPTION_ID.eq(id))
            .and(WEBHOOK_SUBSCRIPTION_EVENT_TYPES.ORG_ID.eq(orgId))
            .execute();
        setEventTypes(t, orgId, id, change.eventTypes().stream().distinct().toList());
      }
      return Optional.of(view(t.fetchSingle(WEBHOOK_SUBSCRIPTIONS, WEBHOOK_SUBSCRIPTIONS.ID.eq(id)), eventTypes(t, id)));
    });
  }

  /**
   * Deletes the subscription softly: no new deliveries, and it is gone from lists. Answers its
   * deliveries that have not ended, to be cancelled; empty when there is no such subscription.
   */
  public Optional<List<DeliveryRef>> delete(String orgId, String id) {
    return dsl.transactionResult(tx -> {
      DSLContext t = tx.dsl();
      int deleted = t.update(WEBHOOK_SUBSCRIPTIONS)
          .set(WEBHOOK_SUBSCRIPTIONS.DELETED_AT, now())
          .set(WEBHOOK_SUBSCRIPTIONS.ENABLED, false)
          .set(WEBHOOK_SUBSCRIPTIONS.DISABLED_REASON, "deleted")
          .set(WEBHOOK_SUBSCRIPTIONS.UPDATED_AT, now())
          .where(mine(orgId, id))
          .execute();
      if (deleted == 0) {
        return Optional.<List<DeliveryRef>>empty();
      }
      return Optional.of(
          t.select(WEBHOOK_DELIVERIES.ID, EventColumns.ORG_ID, EventColumns.EVENT_ID, WEBHOOK_DELIVERIES.WORKFLOW_STARTED_AT)
              .from(WEBHOOK_DELIVERIES)
              .join(EventColumns.TABLE)
              .on(EventColumns.of(WEBHOOK_DELIVERIES.EVENT_ID, WEBHOOK_DELIVERIES.ORG_ID))
              .where(WEBHOOK_DELIVERIES.SUBSCRIPTION_ID.eq(id))
              .and(WEBHOOK_DELIVERIES.ORG_ID.eq(orgId))
              .and(WEBHOOK_DELIVERIES.STATUS.in(OPEN))
              .fetch(r -> new DeliveryRef(r.value1(), r.value2(), r.value3(), r.value4() != null)));
    });
  }

  /**
   * A new signing secret; the current one stays valid for {@code overlap}, during which requests
   * carry a signature with each. Empty when there is no such subscription.
   */
  public Optional<String> rotateSecret(String orgId, String id, Duration overlap) {
    String secret = WebhookSignature.newSecret();
    int rotated = dsl.update(WEBHOOK_SUBSCRIPTIONS)
        .set(WEBHOOK_SUBSCRIPTIONS.PREVIOUS_SECRET, WEBHOOK_SUBSCRIPTIONS.SECRET)
        .set(WEBHOOK_SUBSCRIPTIONS.PREVIOUS_SECRET_UNTIL, now().plus(overlap))
        .set(WEBHOOK_SUBSCRIPTIONS.SECRET, secrets.seal(secret, id))
        .set(WEBHOOK_SUBSCRIPTIONS.UPDATED_AT, now())
        .where(mine(orgId, id))
        .execute();
    return rotated == 0 ? Optional.empty() : Optional.of(secret);
  }

  /**
   * Seals again every signing secret (current and previous) sealed under a previous key (after a
   * rotation). A value in clear is left alone and refused where it is used: sealing it would make
   * a secret planted in the database legitimate. Runs at start-up; returns how many it sealed.
   */
  public int sealSecrets() {
    return seal(WEBHOOK_SUBSCRIPTIONS.SECRET) + seal(WEBHOOK_SUBSCRIPTIONS.PREVIOUS_SECRET);
  }

  private int seal(TableField<WebhookSubscriptionsRecord, String> column) {
    int sealed = 0;
    while (true) {
      var rows =
          dsl.select(WEBHOOK_SUBSCRIPTIONS.ID, column)
              .from(WEBHOOK_SUBSCRIPTIONS)
              .where(column.like(SecretBox.sealedPrefix() + "%"))
              .and(column.notLike(secrets.currentPrefix() + "%"))
              .limit(500)
              .fetch();
      if (rows.isEmpty()) {
        return sealed;
      }
      for (var row : rows) {
        String clear = secrets.open(row.value2(), row.value1());
        dsl.update(WEBHOOK_SUBSCRIPTIONS)
            .set(column, secrets.seal(clear, row.value1()))
            .where(WEBHOOK_SUBSCRIPTIONS.ID.eq(row.value1()))
            .and(column.eq(row.value2()))
            .execute();
      }
      sealed += rows.size();
    }
  }

  private static Condition mine(String orgId, String id) {
    return WEBHOOK_SUBSCRIPTIONS.ID.eq(id)
        .and(WEBHOOK_SUBSCRIPTIONS.ORG_ID.eq(orgId))
        .and(WEBHOOK_SUBSCRIPTIONS.DELETED_AT.isNull());
  }

  private static void setEventTypes(DSLContext t, String orgId, String id, List<String> types) {
    var insert = t.insertInto(WEBHOOK_SUBSCRIPTION_EVENT_TYPES,
        WEBHOOK_SUBSCRIPTION_EVENT_TYPES.ORG_ID, WEBHOOK_SUBSCRIPTION_EVENT_TYPES.SUBSCRIPTION_ID,
        WEBHOOK_SUBSCRIPTION_EVENT_TYPES.EVENT_TYPE);
    for (String type : types) {
      insert = insert.values(orgId, id, type);
    }
    insert.execute();
  }

  private static List<String> eventTypes(DSLContext t, String id) {
    return t.select(WEBHOOK_SUBSCRIPTION_EVENT_TYPES.EVENT_TYPE)
        .from(WEBHOOK_SUBSCRIPTION_EVENT_TYPES)
        .where(WEBHOOK_SUBSCRIPTION_EVENT_TYPES.SUBSCRIPTION_ID.eq(id))
        .orderBy(WEBHOOK_SUBSCRIPTION_EVENT_TYPES.EVENT_TYPE)
        .fetch(WEBHOOK_SUBSCRIPTION_EVENT_TYPES.EVENT_TYPE);
  }

  private static View view(WebhookSubscriptionsRecord s, List<String> eventTypes) {
    return new View(s.getId(), s.getUrl(), eventTypes, s.getEnabled(), s.getDisabledReason(), s.getCreatedAt(),
        s.getUpdatedAt());
  }

  private OffsetDateTime now() {
    return OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
  }
}
