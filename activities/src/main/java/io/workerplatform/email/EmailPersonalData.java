package io.workerplatform.email;

import static io.workerplatform.db.Tables.EMAIL_EVENTS;
import static io.workerplatform.db.Tables.EMAIL_MESSAGES;

import io.workerplatform.common.IdSet;
import io.workerplatform.common.RenderedQuery;
import io.workerplatform.personaldata.Erased;
import io.workerplatform.personaldata.ExportSections;
import io.workerplatform.personaldata.PersonalData;
import java.io.IOException;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Query;
import org.jooq.Record1;
import org.jooq.ResultQuery;
import org.jooq.Select;
import org.jooq.impl.DSL;

/**
 * The email sent to a contact or a member: the messages' SES error details (the recipient's own
 * data, never shown elsewhere) and the SES events of those messages. SES events belong to the
 * messages the organization sent: another organization may have mailed the same address, and its
 * events are not this recipient's. Suppressions hold no address (a keyed hash) and stay: the
 * person is still never mailed.
 */
public final class EmailPersonalData implements PersonalData {
  private final RenderedQuery eraseContactEvents;
  private final RenderedQuery eraseContactMessages;

  public EmailPersonalData(DSLContext dsl) {
    this.eraseContactEvents = RenderedQuery.of(dsl, eraseEvents(
        DSL.select(EMAIL_MESSAGES.SES_MESSAGE_ID).from(EMAIL_MESSAGES).where(IdSet.in(EMAIL_MESSAGES.CONTACT_ID, "ids"))));
    this.eraseContactMessages = RenderedQuery.of(dsl, DSL.update(EMAIL_MESSAGES)
        .set(EMAIL_MESSAGES.ERROR_DETAIL, (String) null)
        .where(IdSet.in(EMAIL_MESSAGES.CONTACT_ID, "ids"))
        .and(EMAIL_MESSAGES.ERROR_DETAIL.isNotNull()));
  }

  @Override
  public int order() {
    return 40;
  }

  private static Query eraseEvents(Select<? extends Record1<String>> sentToThem) {
    return DSL.update(EMAIL_EVENTS)
        // one value per row: (sns_message_id, recipient) is unique
        .set(EMAIL_EVENTS.RECIPIENT, Erased.address(EMAIL_EVENTS.ID))
        .set(EMAIL_EVENTS.RAW, Erased.JSON)
        .where(EMAIL_EVENTS.SES_MESSAGE_ID.in(sentToThem))
        .and(EMAIL_EVENTS.RAW.ne(Erased.JSON));
  }

  @Override
  public Map<String, Long> eraseContacts(DSLContext t, String[] contactIds, OffsetDateTime now) {
    Map<String, Long> counts = new LinkedHashMap<>();
    counts.put("email-events", (long) eraseContactEvents.bind().set("ids", contactIds).execute(t));
    counts.put("email-messages", (long) eraseContactMessages.bind().set("ids", contactIds).execute(t));
    return counts;
  }

  @Override
  public Map<String, Long> eraseMember(DSLContext t, String orgId, String memberId, OffsetDateTime now) {
    Map<String, Long> counts = new LinkedHashMap<>();
    counts.put("email-events", (long) t.execute(eraseEvents(
        DSL.select(EMAIL_MESSAGES.SES_MESSAGE_ID).from(EMAIL_MESSAGES)
            .where(EMAIL_MESSAGES.MEMBER_ID.eq(memberId)).and(EMAIL_MESSAGES.ORG_ID.eq(orgId)))));
    counts.put("email-messages", (long) t.update(EMAIL_MESSAGES)
        .set(EMAIL_MESSAGES.ERROR_DETAIL, (String) null)
        .where(EMAIL_MESSAGES.MEMBER_ID.eq(memberId)).and(EMAIL_MESSAGES.ORG_ID.eq(orgId))
        .and(EMAIL_MESSAGES.ERROR_DETAIL.isNotNull())
        .execute());
    return counts;
  }

  @Override
  public void exportOrganization(ExportSections out, String orgId) throws IOException {
    out.rows("email_messages.json", messages(out, EMAIL_MESSAGES.ORG_ID.eq(orgId)));
  }

  @Override
  public void exportContact(ExportSections out, String orgId, String contactId) throws IOException {
    recipient(out, EMAIL_MESSAGES.CONTACT_ID.eq(contactId).and(EMAIL_MESSAGES.ORG_ID.eq(orgId)));
  }

  @Override
  public void exportMember(ExportSections out, String orgId, String memberId) throws IOException {
    recipient(out, EMAIL_MESSAGES.MEMBER_ID.eq(memberId).and(EMAIL_MESSAGES.ORG_ID.eq(orgId)));
  }

  /** The messages to a recipient and their SES events. */
  private static void recipient(ExportSections out, Condition sentToThem) throws IOException {
    out.rows("email_messages.json", messages(out, sentToThem));
    out.rows("email_events.json", out.dsl()
        .select(EMAIL_EVENTS.NOTIFICATION_TYPE, EMAIL_EVENTS.SES_MESSAGE_ID, EMAIL_EVENTS.RECIPIENT,
            EMAIL_EVENTS.RECEIVED_AT, EMAIL_EVENTS.RAW)
        .from(EMAIL_EVENTS)
        .where(EMAIL_EVENTS.SES_MESSAGE_ID.in(DSL.select(EMAIL_MESSAGES.SES_MESSAGE_ID).from(EMAIL_MESSAGES).where(sentToThem)))
        .orderBy(EMAIL_EVENTS.ID));
  }

  private static ResultQuery<?> messages(ExportSections out, Condition which) {
    return out.dsl().selectFrom(EMAIL_MESSAGES).where(which).orderBy(EMAIL_MESSAGES.CREATED_AT, EMAIL_MESSAGES.DEDUPE_KEY);
  }
}
