package io.workerplatform.email;

import static io.workerplatform.db.Tables.EMAIL_EVENTS;
import static io.workerplatform.db.Tables.EMAIL_MESSAGES;
import static io.workerplatform.db.Tables.EMAIL_REQUESTS;

import io.workerplatform.common.IdSet;
import io.workerplatform.common.RenderedQuery;
import io.workerplatform.personaldata.Erased;
import io.workerplatform.personaldata.ExportSections;
import io.workerplatform.personaldata.PersonalData;
import java.io.IOException;
import java.time.OffsetDateTime;
import io.workerplatform.contacts.ContactStore;
import io.workerplatform.members.MemberStore;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Query;
import org.jooq.Record1;
import org.jooq.ResultQuery;
import org.jooq.Select;
import org.jooq.impl.DSL;

/**
 * The email sent to a contact or a member: the messages' SES error details (the recipient's own
 * data, never shown elsewhere), the SES events of those messages, the application's template data
 * of them, and the messages the application sent to their address directly (found by address in
 * the same organization). SES events belong to the
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
    counts.put("email-requests", (long) eraseData(t, EMAIL_MESSAGES.CONTACT_ID.in(contactIds)));
    counts.put("email-messages", (long) eraseContactMessages.bind().set("ids", contactIds).execute(t));
    // messages the application sent to their address directly, in each one's organization
    for (ContactStore.Addressee contact : ContactStore.addressees(t, List.of(contactIds))) {
      eraseAddressed(t, contact.orgId(), contact.email()).forEach((kind, n) -> counts.merge(kind, n, Long::sum));
    }
    return counts;
  }

  /**
   * The messages of {@code orgId} sent to {@code address} given directly: their SES events, their
   * requests' data, and the address itself (then {@code anonymized-...@invalid}: a message still
   * queued is skipped as erased).
   */
  private static Map<String, Long> eraseAddressed(DSLContext t, String orgId, String address) {
    Condition toAddress = addressed(orgId, address);
    Map<String, Long> counts = new LinkedHashMap<>();
    counts.put("email-events", (long) t.execute(eraseEvents(
        DSL.select(EMAIL_MESSAGES.SES_MESSAGE_ID).from(EMAIL_MESSAGES).where(toAddress))));
    counts.put("email-requests", (long) eraseData(t, toAddress));
    counts.put("email-messages", (long) t.update(EMAIL_MESSAGES)
        .set(EMAIL_MESSAGES.ADDRESS, Erased.address(EMAIL_MESSAGES.DEDUPE_KEY))
        .set(EMAIL_MESSAGES.ERROR_DETAIL, (String) null)
        .where(toAddress)
        .execute());
    return counts;
  }

  private static Condition addressed(String orgId, String address) {
    return EMAIL_MESSAGES.ORG_ID.eq(orgId).and(DSL.lower(EMAIL_MESSAGES.ADDRESS).eq(address.toLowerCase(Locale.ROOT)));
  }

  /** The template data of the application's requests for the messages {@code which} selects. */
  private static int eraseData(DSLContext t, Condition which) {
    return t.update(EMAIL_REQUESTS)
        .set(EMAIL_REQUESTS.DATA, Erased.JSON)
        .where(EMAIL_REQUESTS.DEDUPE_KEY.in(DSL.select(EMAIL_MESSAGES.DEDUPE_KEY).from(EMAIL_MESSAGES).where(which)))
        .and(EMAIL_REQUESTS.DATA.ne(Erased.JSON))
        .execute();
  }

  @Override
  public Map<String, Long> eraseMember(DSLContext t, String orgId, String memberId, OffsetDateTime now) {
    Map<String, Long> counts = new LinkedHashMap<>();
    counts.put("email-events", (long) t.execute(eraseEvents(
        DSL.select(EMAIL_MESSAGES.SES_MESSAGE_ID).from(EMAIL_MESSAGES)
            .where(EMAIL_MESSAGES.MEMBER_ID.eq(memberId)).and(EMAIL_MESSAGES.ORG_ID.eq(orgId)))));
    counts.put("email-requests", (long) eraseData(t, EMAIL_MESSAGES.MEMBER_ID.eq(memberId).and(EMAIL_MESSAGES.ORG_ID.eq(orgId))));
    counts.put("email-messages", (long) t.update(EMAIL_MESSAGES)
        .set(EMAIL_MESSAGES.ERROR_DETAIL, (String) null)
        .where(EMAIL_MESSAGES.MEMBER_ID.eq(memberId)).and(EMAIL_MESSAGES.ORG_ID.eq(orgId))
        .and(EMAIL_MESSAGES.ERROR_DETAIL.isNotNull())
        .execute());
    MemberStore.addressee(t, memberId).filter(m -> m.orgId().equals(orgId))
        .ifPresent(m -> eraseAddressed(t, orgId, m.email()).forEach((kind, n) -> counts.merge(kind, n, Long::sum)));
    return counts;
  }

  @Override
  public void exportOrganization(ExportSections out, String orgId) throws IOException {
    out.rows("email_messages.json", messages(out, EMAIL_MESSAGES.ORG_ID.eq(orgId)));
    out.rows("email_requests.json", out.dsl().selectFrom(EMAIL_REQUESTS).where(EMAIL_REQUESTS.ORG_ID.eq(orgId))
        .orderBy(EMAIL_REQUESTS.CREATED_AT, EMAIL_REQUESTS.ID));
  }

  @Override
  public void exportContact(ExportSections out, String orgId, String contactId) throws IOException {
    Condition theirs = EMAIL_MESSAGES.CONTACT_ID.eq(contactId).and(EMAIL_MESSAGES.ORG_ID.eq(orgId));
    for (ContactStore.Addressee contact : ContactStore.addressees(out.dsl(), List.of(contactId))) {
      theirs = theirs.or(addressed(orgId, contact.email()));
    }
    recipient(out, theirs);
  }

  @Override
  public void exportMember(ExportSections out, String orgId, String memberId) throws IOException {
    Condition theirs = EMAIL_MESSAGES.MEMBER_ID.eq(memberId).and(EMAIL_MESSAGES.ORG_ID.eq(orgId));
    Optional<MemberStore.Addressee> member = MemberStore.addressee(out.dsl(), memberId);
    if (member.isPresent() && member.get().orgId().equals(orgId)) {
      theirs = theirs.or(addressed(orgId, member.get().email()));
    }
    recipient(out, theirs);
  }

  /** The messages to a recipient, the application's data of them, and their SES events. */
  private static void recipient(ExportSections out, Condition sentToThem) throws IOException {
    out.rows("email_messages.json", messages(out, sentToThem));
    out.rows("email_requests.json", out.dsl()
        .select(EMAIL_REQUESTS.ID, EMAIL_REQUESTS.DEDUPE_KEY, EMAIL_REQUESTS.DATA, EMAIL_REQUESTS.CREATED_AT)
        .from(EMAIL_REQUESTS)
        .where(EMAIL_REQUESTS.DEDUPE_KEY.in(DSL.select(EMAIL_MESSAGES.DEDUPE_KEY).from(EMAIL_MESSAGES).where(sentToThem)))
        .orderBy(EMAIL_REQUESTS.CREATED_AT, EMAIL_REQUESTS.ID));
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
