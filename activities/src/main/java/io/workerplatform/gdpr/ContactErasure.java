package io.workerplatform.gdpr;

import static io.workerplatform.db.Tables.CONTACTS;
import static io.workerplatform.db.Tables.EMAIL_EVENTS;
import static io.workerplatform.db.Tables.EMAIL_MESSAGES;
import static io.workerplatform.db.Tables.PETITION_COMMENTS;
import static io.workerplatform.db.Tables.PETITION_REPLIES;
import static io.workerplatform.db.Tables.SIGNATURE_EVENTS;
import static io.workerplatform.db.Tables.SIGNATURE_SIGNERS;

import java.time.OffsetDateTime;
import java.util.List;
import org.jooq.DSLContext;
import org.jooq.JSONB;
import org.jooq.impl.DSL;

/**
 * Overwrites a contact's personal data everywhere the platform keeps it: the contact row, their
 * replies and comments, the error details and SES events of their email, and the provider
 * callbacks of signature requests they sign. Ids stay, so counts and links still add up.
 */
final class ContactErasure {
  static final JSONB ERASED = JSONB.jsonb("{\"anonymized\": true}");

  private ContactErasure() {}

  static void anonymizeContacts(DSLContext t, List<String> contactIds, OffsetDateTime now) {
    if (contactIds.isEmpty()) {
      return;
    }
    // SES events name the address, not the contact: match them before the address is gone.
    t.update(EMAIL_EVENTS)
        // one value per row: (sns_message_id, recipient) is unique
        .set(EMAIL_EVENTS.RECIPIENT, DSL.val("anonymized-").concat(EMAIL_EVENTS.ID.cast(String.class)).concat(DSL.val("@invalid")))
        .set(EMAIL_EVENTS.RAW, ERASED)
        .where(DSL.lower(EMAIL_EVENTS.RECIPIENT).in(
            DSL.select(DSL.lower(CONTACTS.EMAIL)).from(CONTACTS).where(CONTACTS.ID.in(contactIds))))
        .execute();
    t.update(EMAIL_MESSAGES)
        .set(EMAIL_MESSAGES.ERROR_DETAIL, (String) null)
        .where(EMAIL_MESSAGES.CONTACT_ID.in(contactIds))
        .and(EMAIL_MESSAGES.ERROR_DETAIL.isNotNull())
        .execute();
    t.update(SIGNATURE_EVENTS)
        .set(SIGNATURE_EVENTS.PAYLOAD, ERASED)
        .where(SIGNATURE_EVENTS.SIGNATURE_REQUEST_ID.in(
            DSL.select(SIGNATURE_SIGNERS.SIGNATURE_REQUEST_ID).from(SIGNATURE_SIGNERS)
                .where(SIGNATURE_SIGNERS.CONTACT_ID.in(contactIds))))
        .execute();
    t.update(PETITION_REPLIES)
        .set(PETITION_REPLIES.BODY, (String) null)
        .set(PETITION_REPLIES.ANONYMIZED_AT, now)
        .where(PETITION_REPLIES.CONTACT_ID.in(contactIds))
        .execute();
    t.update(PETITION_COMMENTS)
        .set(PETITION_COMMENTS.BODY, (String) null)
        .set(PETITION_COMMENTS.AUTHOR_NAME, (String) null)
        .set(PETITION_COMMENTS.ANONYMIZED_AT, now)
        .where(PETITION_COMMENTS.CONTACT_ID.in(contactIds))
        .execute();
    t.update(CONTACTS)
        .set(CONTACTS.EMAIL, DSL.val("anonymized-").concat(CONTACTS.ID).concat(DSL.val("@invalid")))
        .set(CONTACTS.NAME, (String) null)
        .set(CONTACTS.DELETED_AT, DSL.coalesce(CONTACTS.DELETED_AT, DSL.val(now)))
        .set(CONTACTS.ANONYMIZED_AT, now)
        .where(CONTACTS.ID.in(contactIds))
        .execute();
  }
}
