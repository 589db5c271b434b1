package io.workerplatform.gdpr;

import static io.workerplatform.db.Tables.CONTACTS;
import static io.workerplatform.db.Tables.EMAIL_EVENTS;
import static io.workerplatform.db.Tables.EMAIL_MESSAGES;
import static io.workerplatform.db.Tables.FILES;
import static io.workerplatform.db.Tables.PETITION_COMMENTS;
import static io.workerplatform.db.Tables.PETITION_REPLIES;
import static io.workerplatform.db.Tables.SIGNATURE_EVENTS;
import static io.workerplatform.db.Tables.SIGNATURE_SIGNERS;
import static io.workerplatform.db.Tables.SUPPRESSIONS;

import io.workerplatform.files.FileStorage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jooq.DSLContext;
import org.jooq.JSONB;
import org.jooq.impl.DSL;

/**
 * Overwrites contacts' personal data everywhere the platform keeps it: the contact row, their
 * replies and comments, their files (bytes deleted), the error details and SES events of their
 * email, their suppression entries, and the provider callbacks of signature requests they sign.
 * Ids stay, so counts and links still add up. Only rows not yet anonymized change, so running it
 * again changes nothing and counts zero.
 */
final class ContactErasure {
  static final JSONB ERASED = JSONB.jsonb("{\"anonymized\": true}");

  private ContactErasure() {}

  /** Returns the rows changed per kind. Call inside a transaction: it is all or nothing. */
  static Map<String, Long> anonymizeContacts(
      DSLContext t, FileStorage storage, List<String> contactIds, OffsetDateTime now) {
    Map<String, Long> counts = new LinkedHashMap<>();
    if (contactIds.isEmpty()) {
      return counts;
    }
    var addresses =
        DSL.select(DSL.lower(CONTACTS.EMAIL)).from(CONTACTS)
            .where(IdSet.in(CONTACTS.ID, contactIds)).and(CONTACTS.ANONYMIZED_AT.isNull());
    // SES events and suppressions name the address, not the contact: match them before it is gone.
    counts.put("email-events", (long) t.update(EMAIL_EVENTS)
        // one value per row: (sns_message_id, recipient) is unique
        .set(EMAIL_EVENTS.RECIPIENT, DSL.val("anonymized-").concat(EMAIL_EVENTS.ID.cast(String.class)).concat(DSL.val("@invalid")))
        .set(EMAIL_EVENTS.RAW, ERASED)
        .where(DSL.lower(EMAIL_EVENTS.RECIPIENT).in(addresses))
        .execute());
    // Nobody can be sent to once erased, so the suppression has nothing left to protect.
    counts.put("suppressions", (long) t.deleteFrom(SUPPRESSIONS).where(SUPPRESSIONS.ADDRESS.in(addresses)).execute());
    counts.put("email-messages", (long) t.update(EMAIL_MESSAGES)
        .set(EMAIL_MESSAGES.ERROR_DETAIL, (String) null)
        .where(IdSet.in(EMAIL_MESSAGES.CONTACT_ID, contactIds))
        .and(EMAIL_MESSAGES.ERROR_DETAIL.isNotNull())
        .execute());
    counts.put("signature-events", (long) t.update(SIGNATURE_EVENTS)
        .set(SIGNATURE_EVENTS.PAYLOAD, ERASED)
        .where(SIGNATURE_EVENTS.SIGNATURE_REQUEST_ID.in(
            DSL.select(SIGNATURE_SIGNERS.SIGNATURE_REQUEST_ID).from(SIGNATURE_SIGNERS)
                .where(IdSet.in(SIGNATURE_SIGNERS.CONTACT_ID, contactIds))))
        .and(SIGNATURE_EVENTS.PAYLOAD.ne(ERASED))
        .execute());
    counts.put("petition-replies", (long) t.update(PETITION_REPLIES)
        .set(PETITION_REPLIES.BODY, (String) null)
        .set(PETITION_REPLIES.ANONYMIZED_AT, now)
        .where(IdSet.in(PETITION_REPLIES.CONTACT_ID, contactIds))
        .and(PETITION_REPLIES.ANONYMIZED_AT.isNull())
        .execute());
    counts.put("petition-comments", (long) t.update(PETITION_COMMENTS)
        .set(PETITION_COMMENTS.BODY, (String) null)
        .set(PETITION_COMMENTS.AUTHOR_NAME, (String) null)
        .set(PETITION_COMMENTS.ANONYMIZED_AT, now)
        .where(IdSet.in(PETITION_COMMENTS.CONTACT_ID, contactIds))
        .and(PETITION_COMMENTS.ANONYMIZED_AT.isNull())
        .execute());
    counts.put("files", files(t, storage, contactIds, now));
    counts.put("contacts", (long) t.update(CONTACTS)
        .set(CONTACTS.EMAIL, DSL.val("anonymized-").concat(CONTACTS.ID).concat(DSL.val("@invalid")))
        .set(CONTACTS.NAME, (String) null)
        .set(CONTACTS.DELETED_AT, DSL.coalesce(CONTACTS.DELETED_AT, DSL.val(now)))
        .set(CONTACTS.ANONYMIZED_AT, now)
        .where(IdSet.in(CONTACTS.ID, contactIds))
        .and(CONTACTS.ANONYMIZED_AT.isNull())
        .execute());
    return counts;
  }

  /** The contacts' own files. */
  private static long files(DSLContext t, FileStorage storage, List<String> contactIds, OffsetDateTime now) {
    var owned =
        t.select(FILES.ID, FILES.STORAGE_KEY).from(FILES)
            .where(IdSet.in(FILES.CONTACT_ID, contactIds)).and(FILES.ANONYMIZED_AT.isNull())
            .forUpdate().fetch();
    return eraseFiles(t, storage, owned.getValues(FILES.ID), owned.getValues(FILES.STORAGE_KEY), now);
  }

  /**
   * Deletes the files' bytes, then marks their rows: bytes go first, so a transaction that fails
   * after leaves no row marked whose bytes are still there.
   */
  static int eraseFiles(DSLContext t, FileStorage storage, List<String> ids, List<String> keys, OffsetDateTime now) {
    for (String key : keys) {
      try {
        storage.delete(key);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return t.update(FILES)
        .set(FILES.NAME, Anonymizer.ANONYMIZED)
        .set(FILES.DELETED_AT, DSL.coalesce(FILES.DELETED_AT, DSL.val(now)))
        .set(FILES.ANONYMIZED_AT, now)
        .where(IdSet.in(FILES.ID, ids))
        .execute();
  }
}
