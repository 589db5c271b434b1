package io.workerplatform.gdpr;

import static io.workerplatform.db.Tables.EMAIL_EVENTS;
import static io.workerplatform.db.Tables.EMAIL_MESSAGES;
import static io.workerplatform.db.Tables.MEMBERS;
import static io.workerplatform.db.Tables.MEMBER_NOTIFICATION_PREFERENCES;
import static io.workerplatform.db.Tables.NOTIFICATIONS;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/**
 * Erases a member (the GDPR right to erasure): its address and name overwritten, the member
 * deleted if it was not, its notification choices and notifications deleted, the SES events and
 * error details of the email sent to it erased; one audit row with the counts. A member's data is
 * a handful of rows, so this is one short transaction rather than a workflow. Erasing again
 * changes nothing and counts zero.
 */
public class MemberErasure {
  static final String ACTOR = "member-erasure";

  private final DSLContext dsl;
  private final Clock clock;

  public MemberErasure(DSLContext dsl, Clock clock) {
    this.dsl = dsl;
    this.clock = clock;
  }

  /** Rows changed per kind; empty when the organization has no such member (deleted ones included). */
  public Optional<Map<String, Long>> erase(String orgId, String memberId) {
    OffsetDateTime now = OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
    return dsl.transactionResult(tx -> {
      DSLContext t = tx.dsl();
      boolean theirs =
          t.selectOne().from(MEMBERS).where(MEMBERS.ID.eq(memberId)).and(MEMBERS.ORG_ID.eq(orgId)).forUpdate()
              .fetchOptional().isPresent();
      if (!theirs) {
        return Optional.<Map<String, Long>>empty();
      }
      var sentToThem =
          DSL.select(EMAIL_MESSAGES.SES_MESSAGE_ID).from(EMAIL_MESSAGES)
              .where(EMAIL_MESSAGES.MEMBER_ID.eq(memberId)).and(EMAIL_MESSAGES.ORG_ID.eq(orgId));
      Map<String, Long> counts = new LinkedHashMap<>();
      counts.put("email-events", (long) t.update(EMAIL_EVENTS)
          .set(EMAIL_EVENTS.RECIPIENT, DSL.val("anonymized-").concat(EMAIL_EVENTS.ID.cast(String.class)).concat(DSL.val("@invalid")))
          .set(EMAIL_EVENTS.RAW, ContactErasure.ERASED)
          .where(EMAIL_EVENTS.SES_MESSAGE_ID.in(sentToThem))
          .and(EMAIL_EVENTS.RAW.ne(ContactErasure.ERASED))
          .execute());
      counts.put("email-messages", (long) t.update(EMAIL_MESSAGES)
          .set(EMAIL_MESSAGES.ERROR_DETAIL, (String) null)
          .where(EMAIL_MESSAGES.MEMBER_ID.eq(memberId))
          .and(EMAIL_MESSAGES.ERROR_DETAIL.isNotNull())
          .execute());
      counts.put("notification-preferences", (long) t.deleteFrom(MEMBER_NOTIFICATION_PREFERENCES)
          .where(MEMBER_NOTIFICATION_PREFERENCES.MEMBER_ID.eq(memberId))
          .execute());
      counts.put("notifications", (long) t.deleteFrom(NOTIFICATIONS).where(NOTIFICATIONS.MEMBER_ID.eq(memberId)).execute());
      counts.put("members", (long) t.update(MEMBERS)
          .set(MEMBERS.EMAIL, DSL.val("anonymized-").concat(MEMBERS.ID).concat(DSL.val("@invalid")))
          .set(MEMBERS.NAME, (String) null)
          .set(MEMBERS.ANONYMIZED_AT, now)
          .set(MEMBERS.DELETED_AT, DSL.coalesce(MEMBERS.DELETED_AT, DSL.val(now)))
          .where(MEMBERS.ID.eq(memberId))
          .and(MEMBERS.ANONYMIZED_AT.isNull())
          .execute());
      Audit.record(t, orgId, ACTOR, "erase", "member", memberId, counts, now);
      return Optional.of(counts);
    });
  }
}
