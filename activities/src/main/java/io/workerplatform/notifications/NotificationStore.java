package io.workerplatform.notifications;

import static io.workerplatform.db.Tables.NOTIFICATIONS;

import io.workerplatform.common.Ids;
import io.workerplatform.common.Page;
import io.workerplatform.db.tables.records.NotificationsRecord;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/**
 * Members' notifications: one row per (event, member) with a status per channel, the in-app list,
 * the digest's claims and the cleanup.
 */
public class NotificationStore {
  public static final String PENDING = "PENDING";
  public static final String SENT = "SENT";
  public static final String FAILED = "FAILED";
  public static final String SKIPPED = "SKIPPED";

  /** What the API shows: ids, the title, the channels' statuses, when it was read. */
  public record Notification(
      String id, String memberId, String eventId, String eventType, String entityId, String title,
      Map<String, String> channels, Instant createdAt, Instant readAt) {}

  /** The event a notification is about: {@code ref} is the platform's key, {@code eventId} the organization's. */
  public record About(String orgId, String ref, String eventId, String type, String entityId, String title) {}

  /** A notification whose email is still to be sent, with what its email says. */
  public record PendingEmail(
      String id, String memberId, String title, String eventType, String eventId, String entityId) {}

  private final DSLContext dsl;
  private final Clock clock;

  public NotificationStore(DSLContext dsl, Clock clock) {
    this.dsl = dsl;
    this.clock = clock;
  }

  /**
   * Creates the notification of each member (id, its channels) that has none for this event yet:
   * a chosen {@code IN_APP} is delivered by being stored ({@code SENT}), {@code EMAIL} and {@code
   * DIGEST} start {@code PENDING}, a channel not chosen is {@code SKIPPED}. Returns how many were new.
   */
  public int create(About event, Map<String, List<String>> channelsByMember) {
    if (channelsByMember.isEmpty()) {
      return 0;
    }
    OffsetDateTime now = OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
    var insert =
        dsl.insertInto(NOTIFICATIONS)
            .columns(
                NOTIFICATIONS.ID, NOTIFICATIONS.ORG_ID, NOTIFICATIONS.MEMBER_ID, NOTIFICATIONS.EVENT_REF,
                NOTIFICATIONS.EVENT_ID, NOTIFICATIONS.EVENT_TYPE, NOTIFICATIONS.ENTITY_ID, NOTIFICATIONS.TITLE,
                NOTIFICATIONS.IN_APP_STATUS, NOTIFICATIONS.EMAIL_STATUS, NOTIFICATIONS.DIGEST_STATUS,
                NOTIFICATIONS.CREATED_AT);
    for (Map.Entry<String, List<String>> member : channelsByMember.entrySet()) {
      List<String> channels = member.getValue();
      insert = insert.values(
                Ids.newId("ntf"), event.orgId(), member.getKey(), event.ref(), event.eventId(), event.type(),
                event.entityId(), event.title(),
                channels.contains(NotificationPreferences.IN_APP) ? SENT : SKIPPED,
                channels.contains(NotificationPreferences.EMAIL) ? PENDING : SKIPPED,
                channels.contains(NotificationPreferences.DIGEST) ? PENDING : SKIPPED,
                now);
    }
    return insert.onConflict(NOTIFICATIONS.EVENT_REF, NOTIFICATIONS.MEMBER_ID).doNothing().execute();
  }

  /** The organization's notifications of the event whose email is still {@code PENDING}. */
  public List<PendingEmail> pendingEmails(String orgId, String eventRef) {
    return dsl.select(
            NOTIFICATIONS.ID, NOTIFICATIONS.MEMBER_ID, NOTIFICATIONS.TITLE, NOTIFICATIONS.EVENT_TYPE,
            NOTIFICATIONS.EVENT_ID, NOTIFICATIONS.ENTITY_ID)
        .from(NOTIFICATIONS)
        .where(NOTIFICATIONS.EVENT_REF.eq(eventRef))
        .and(NOTIFICATIONS.ORG_ID.eq(orgId))
        .and(NOTIFICATIONS.EMAIL_STATUS.eq(PENDING))
        .orderBy(NOTIFICATIONS.ID)
        .fetch(r -> new PendingEmail(r.value1(), r.value2(), r.value3(), r.value4(), r.value5(), r.value6()));
  }

  public void emailDone(String id, String status) {
    dsl.update(NOTIFICATIONS)
        .set(NOTIFICATIONS.EMAIL_STATUS, status)
        .where(NOTIFICATIONS.ID.eq(id))
        .and(NOTIFICATIONS.EMAIL_STATUS.eq(PENDING))
        .execute();
  }

  // ---- digests ----

  /**
   * Members (by id, after {@code afterMemberId}, at most {@code limit}) with digest notifications
   * still {@code PENDING} that were created by {@code until}.
   */
  public List<String> membersWithPendingDigests(OffsetDateTime until, String afterMemberId, int limit) {
    return dsl.selectDistinct(NOTIFICATIONS.MEMBER_ID)
        .from(NOTIFICATIONS)
        .where(NOTIFICATIONS.DIGEST_STATUS.eq(PENDING))
        .and(NOTIFICATIONS.CREATED_AT.le(until))
        .and(afterMemberId == null ? DSL.noCondition() : NOTIFICATIONS.MEMBER_ID.gt(afterMemberId))
        .orderBy(NOTIFICATIONS.MEMBER_ID)
        .limit(limit)
        .fetch(NOTIFICATIONS.MEMBER_ID);
  }

  /** Windows that took some of the member's pending notifications and have not sent them yet, oldest first. */
  public List<OffsetDateTime> unsentWindows(String memberId) {
    return dsl.selectDistinct(NOTIFICATIONS.DIGEST_WINDOW)
        .from(NOTIFICATIONS)
        .where(NOTIFICATIONS.MEMBER_ID.eq(memberId))
        .and(NOTIFICATIONS.DIGEST_STATUS.eq(PENDING))
        .and(NOTIFICATIONS.DIGEST_WINDOW.isNotNull())
        .orderBy(NOTIFICATIONS.DIGEST_WINDOW)
        .fetch(NOTIFICATIONS.DIGEST_WINDOW);
  }

  /**
   * Gives the window starting at {@code window} the member's pending digest notifications created
   * by {@code until} that no window has taken; returns how many it took.
   */
  public int takeForWindow(String memberId, OffsetDateTime window, OffsetDateTime until) {
    return dsl.update(NOTIFICATIONS)
        .set(NOTIFICATIONS.DIGEST_WINDOW, window)
        .where(NOTIFICATIONS.MEMBER_ID.eq(memberId))
        .and(NOTIFICATIONS.DIGEST_STATUS.eq(PENDING))
        .and(NOTIFICATIONS.DIGEST_WINDOW.isNull())
        .and(NOTIFICATIONS.CREATED_AT.le(until))
        .execute();
  }

  /** How many of the member's notifications the window holds still pending. */
  public int pendingInWindow(String memberId, OffsetDateTime window) {
    return dsl.fetchCount(
        NOTIFICATIONS,
        NOTIFICATIONS.MEMBER_ID.eq(memberId)
            .and(NOTIFICATIONS.DIGEST_WINDOW.eq(window))
            .and(NOTIFICATIONS.DIGEST_STATUS.eq(PENDING)));
  }

  /** Sets the digest channel of the window's notifications of this member. */
  public int digestDone(String memberId, OffsetDateTime window, String status) {
    return dsl.update(NOTIFICATIONS)
        .set(NOTIFICATIONS.DIGEST_STATUS, status)
        .where(NOTIFICATIONS.MEMBER_ID.eq(memberId))
        .and(NOTIFICATIONS.DIGEST_WINDOW.eq(window))
        .and(NOTIFICATIONS.DIGEST_STATUS.eq(PENDING))
        .execute();
  }

  // ---- cleanup ----

  /**
   * Deletes at most {@code limit} notifications created before {@code doneBefore} that are done
   * with (read, or never in the in-app list), or created before {@code anyBefore} whatever their
   * state; returns how many.
   */
  public int deleteOld(OffsetDateTime doneBefore, OffsetDateTime anyBefore, int limit) {
    var oldest =
        DSL.select(NOTIFICATIONS.ID)
            .from(NOTIFICATIONS)
            .where(NOTIFICATIONS.CREATED_AT.lt(anyBefore))
            .or(NOTIFICATIONS.CREATED_AT.lt(doneBefore)
                .and(NOTIFICATIONS.READ_AT.isNotNull().or(NOTIFICATIONS.IN_APP_STATUS.ne(SENT))))
            .limit(limit);
    return dsl.deleteFrom(NOTIFICATIONS).where(NOTIFICATIONS.ID.in(oldest)).execute();
  }

  // ---- in-app ----

  /** The member's in-app notifications (all, or unread only), newest first. */
  public Page<Notification> list(
      String orgId, String memberId, boolean unreadOnly, int limit, Optional<Page.After> after) {
    Condition where =
        after.map(a -> DSL.row(NOTIFICATIONS.CREATED_AT, NOTIFICATIONS.ID).lt(a.createdAt(), a.id()))
            .orElse(DSL.noCondition());
    List<NotificationsRecord> rows =
        dsl.selectFrom(NOTIFICATIONS)
            .where(NOTIFICATIONS.MEMBER_ID.eq(memberId))
            .and(NOTIFICATIONS.ORG_ID.eq(orgId))
            .and(NOTIFICATIONS.IN_APP_STATUS.eq(SENT))
            .and(unreadOnly ? NOTIFICATIONS.READ_AT.isNull() : DSL.noCondition())
            .and(where)
            .orderBy(NOTIFICATIONS.CREATED_AT.desc(), NOTIFICATIONS.ID.desc())
            .limit(limit + 1)
            .fetch();
    return Page.of(rows, limit, NotificationsRecord::getCreatedAt, NotificationsRecord::getId, NotificationStore::notification);
  }

  /**
   * Marks one in-app notification read (reading it again keeps the first time); empty when the
   * member has no such notification.
   */
  public Optional<Notification> markRead(String orgId, String memberId, String id) {
    dsl.update(NOTIFICATIONS)
        .set(NOTIFICATIONS.READ_AT, OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC))
        .where(inbox(orgId, memberId))
        .and(NOTIFICATIONS.ID.eq(id))
        .and(NOTIFICATIONS.READ_AT.isNull())
        .execute();
    return dsl.selectFrom(NOTIFICATIONS)
        .where(inbox(orgId, memberId))
        .and(NOTIFICATIONS.ID.eq(id))
        .fetchOptional(NotificationStore::notification);
  }

  /** Marks every unread in-app notification of the member read; returns how many. */
  public int markAllRead(String orgId, String memberId) {
    return dsl.update(NOTIFICATIONS)
        .set(NOTIFICATIONS.READ_AT, OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC))
        .where(inbox(orgId, memberId))
        .and(NOTIFICATIONS.READ_AT.isNull())
        .execute();
  }

  private static Condition inbox(String orgId, String memberId) {
    return NOTIFICATIONS.MEMBER_ID.eq(memberId)
        .and(NOTIFICATIONS.ORG_ID.eq(orgId))
        .and(NOTIFICATIONS.IN_APP_STATUS.eq(SENT));
  }

  private static Notification notification(NotificationsRecord r) {
    return new Notification(
        r.getId(), r.getMemberId(), r.getEventId(), r.getEventType(), r.getEntityId(), r.getTitle(),
        new TreeMap<>(Map.of(
            NotificationPreferences.IN_APP, r.getInAppStatus(),
            NotificationPreferences.EMAIL, r.getEmailStatus(),
            NotificationPreferences.DIGEST, r.getDigestStatus())),
        r.getCreatedAt().toInstant(),
        r.getReadAt() == null ? null : r.getReadAt().toInstant());
  }
}
