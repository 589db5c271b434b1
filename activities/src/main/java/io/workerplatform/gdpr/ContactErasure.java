package io.workerplatform.gdpr;

import static io.workerplatform.db.Tables.CONTACTS;
import static io.workerplatform.db.Tables.EMAIL_EVENTS;
import static io.workerplatform.db.Tables.EMAIL_MESSAGES;
import static io.workerplatform.db.Tables.FILES;
import static io.workerplatform.db.Tables.PETITION_COMMENTS;
import static io.workerplatform.db.Tables.PETITION_REPLIES;
import static io.workerplatform.db.Tables.SIGNATURE_EVENTS;
import static io.workerplatform.db.Tables.SIGNATURE_SIGNERS;

import io.workerplatform.common.IdSet;
import io.workerplatform.files.FileStorage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jooq.DSLContext;
import org.jooq.JSONB;
import org.jooq.Query;
import org.jooq.Record2;
import org.jooq.Result;
import org.jooq.impl.DSL;

/**
 * Overwrites contacts' personal data everywhere the platform keeps it: the contact row, their
 * replies and comments, their files (bytes deleted), the error details and SES events of their
 * email, their suppression entries, and the provider callbacks of signature requests they sign.
 * Ids stay, so counts and links still add up. Only rows not yet anonymized change, so running it
 * again changes nothing and counts zero.
 *
 * <p>Its statements take the contacts as one array parameter ({@link IdSet}): the anonymizer runs
 * all of them for every batch of contacts.
 */
final class ContactErasure {
  static final JSONB ERASED = JSONB.jsonb("{\"anonymized\": true}");

  private final FileStorage storage;

  ContactErasure(FileStorage storage) {
    this.storage = storage;
  }

  /**
   * Per kind of row, the statement that anonymizes the contacts' rows of that kind, in the order
   * they run (the contacts' own row last; their files go just before it).
   */
  private static Map<String, Query> statements(DSLContext t, List<String> contactIds, OffsetDateTime now) {
    Map<String, Query> byKind = new LinkedHashMap<>();
    // SES events belong to the messages the organization sent the contact: another organization
    // may have mailed the same address, and its events are not this contact's to erase.
    // Suppressions hold no address (a keyed hash) and stay: the person is still never mailed.
    byKind.put("email-events", t.update(EMAIL_EVENTS)
        // one value per row: (sns_message_id, recipient) is unique
        .set(EMAIL_EVENTS.RECIPIENT, DSL.val("anonymized-").concat(EMAIL_EVENTS.ID.cast(String.class)).concat(DSL.val("@invalid")))
        .set(EMAIL_EVENTS.RAW, ERASED)
        .where(EMAIL_EVENTS.SES_MESSAGE_ID.in(
            DSL.select(EMAIL_MESSAGES.SES_MESSAGE_ID).from(EMAIL_MESSAGES).where(IdSet.in(EMAIL_MESSAGES.CONTACT_ID, contactIds))))
        .and(EMAIL_EVENTS.RAW.ne(ERASED)));
    byKind.put("email-messages", t.update(EMAIL_MESSAGES)
        .set(EMAIL_MESSAGES.ERROR_DETAIL, (String) null)
        .where(IdSet.in(EMAIL_MESSAGES.CONTACT_ID, contactIds))
        .and(EMAIL_MESSAGES.ERROR_DETAIL.isNotNull()));
    byKind.put("signature-events", t.update(SIGNATURE_EVENTS)
        .set(SIGNATURE_EVENTS.PAYLOAD, ERASED)
        .where(SIGNATURE_EVENTS.SIGNATURE_REQUEST_ID.in(
            DSL.select(SIGNATURE_SIGNERS.SIGNATURE_REQUEST_ID).from(SIGNATURE_SIGNERS)
                .where(IdSet.in(SIGNATURE_SIGNERS.CONTACT_ID, contactIds))))
        .and(SIGNATURE_EVENTS.PAYLOAD.ne(ERASED)));
    byKind.put("petition-replies", t.update(PETITION_REPLIES)
        .set(PETITION_REPLIES.BODY, (String) null)
        .set(PETITION_REPLIES.ANONYMIZED_AT, now)
        .where(IdSet.in(PETITION_REPLIES.CONTACT_ID, contactIds))
        .and(PETITION_REPLIES.ANONYMIZED_AT.isNull()));
    byKind.put("petition-comments", t.update(PETITION_COMMENTS)
        .set(PETITION_COMMENTS.BODY, (String) null)
        .set(PETITION_COMMENTS.AUTHOR_NAME, (String) null)
        .set(PETITION_COMMENTS.ANONYMIZED_AT, now)
        .where(IdSet.in(PETITION_COMMENTS.CONTACT_ID, contactIds))
        .and(PETITION_COMMENTS.ANONYMIZED_AT.isNull()));
    byKind.put("contacts", t.update(CONTACTS)
        .set(CONTACTS.EMAIL, DSL.val("anonymized-").concat(CONTACTS.ID).concat(DSL.val("@invalid")))
        .set(CONTACTS.NAME, (String) null)
        .set(CONTACTS.DELETED_AT, DSL.coalesce(CONTACTS.DELETED_AT, DSL.val(now)))
        .set(CONTACTS.ANONYMIZED_AT, now)
        .where(IdSet.in(CONTACTS.ID, contactIds))
        .and(CONTACTS.ANONYMIZED_AT.isNull()));
    return byKind;
  }

  /**
   * Returns the rows changed per kind. Call with {@code t} inside a transaction: it is all or
   * nothing.
   */
  Map<String, Long> anonymizeContacts(DSLContext t, List<String> contactIds, OffsetDateTime now) {
    Map<String, Long> counts = new LinkedHashMap<>();
    if (contactIds.isEmpty()) {
      return counts;
    }
    statements(t, contactIds, now).forEach((kind, statement) -> {
      if (kind.equals("contacts")) {
        counts.put("files", files(t, contactIds, now)); // before the row that owns them changes
      }
      counts.put(kind, (long) statement.execute());
    });
    return counts;
  }

  /** The contacts' own files. */
  private long files(DSLContext t, List<String> contactIds, OffsetDateTime now) {
    Result<Record2<String, String>> owned =
        t.select(FILES.ID, FILES.STORAGE_KEY).from(FILES)
            .where(IdSet.in(FILES.CONTACT_ID, contactIds)).and(FILES.ANONYMIZED_AT.isNull())
            .forUpdate()
            .fetch();
    return eraseFiles(t, owned.getValues(FILES.ID), owned.getValues(FILES.STORAGE_KEY), now);
  }

  /**
   * Deletes the files' bytes, then marks their rows: bytes go first, so a transaction that fails
   * after leaves no row marked whose bytes are still there.
   */
  int eraseFiles(DSLContext t, List<String> ids, List<String> keys, OffsetDateTime now) {
    if (ids.isEmpty()) {
      return 0;
    }
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
