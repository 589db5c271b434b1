package io.workerplatform.gdpr;

import static io.workerplatform.db.Tables.CONTACTS;
import static io.workerplatform.db.Tables.CONTACT_DOCUMENTS;
import static io.workerplatform.db.Tables.EMAIL_EVENTS;
import static io.workerplatform.db.Tables.EMAIL_MESSAGES;
import static io.workerplatform.db.Tables.FILES;
import static io.workerplatform.db.Tables.PETITION_COMMENTS;
import static io.workerplatform.db.Tables.PETITION_REPLIES;
import static io.workerplatform.db.Tables.SIGNATURE_EVENTS;
import static io.workerplatform.db.Tables.SIGNATURE_SIGNERS;

import io.workerplatform.common.IdSet;
import io.workerplatform.common.RenderedQuery;
import io.workerplatform.files.FileStorage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.JSONB;
import org.jooq.Query;
import org.jooq.Record;
import org.jooq.Result;
import org.jooq.impl.DSL;

/**
 * Overwrites contacts' personal data everywhere the platform keeps it: the contact row, their
 * replies and comments, their files (bytes deleted), their documents (deleted), the error details and SES events of their
 * email, their suppression entries, and the provider callbacks of signature requests they sign.
 * Ids stay, so counts and links still add up. Only rows not yet anonymized change, so running it
 * again changes nothing and counts zero.
 *
 * <p>Its statements are rendered once ({@link RenderedQuery}) and take the contacts as one array
 * parameter {@code ids}: the anonymizer runs all of them for every batch of contacts.
 */
final class ContactErasure {
  static final JSONB ERASED = JSONB.jsonb("{\"anonymized\": true}");
  private static final Field<OffsetDateTime> NOW = DSL.param("now", OffsetDateTime.class);

  private final FileStorage storage;
  /** Kind of row -> its statement, in the order they run (the contacts' own row last). */
  private final Map<String, RenderedQuery> byKind = new LinkedHashMap<>();
  private final RenderedQuery ownedFiles;
  private final RenderedQuery markFiles;

  ContactErasure(DSLContext dsl, FileStorage storage) {
    this.storage = storage;
    // SES events belong to the messages the organization sent the contact: another organization
    // may have mailed the same address, and its events are not this contact's to erase.
    // Suppressions hold no address (a keyed hash) and stay: the person is still never mailed.
    statement(dsl, "email-events", DSL.update(EMAIL_EVENTS)
        // one value per row: (sns_message_id, recipient) is unique
        .set(EMAIL_EVENTS.RECIPIENT, DSL.val("anonymized-").concat(EMAIL_EVENTS.ID.cast(String.class)).concat(DSL.val("@invalid")))
        .set(EMAIL_EVENTS.RAW, ERASED)
        .where(EMAIL_EVENTS.SES_MESSAGE_ID.in(
            DSL.select(EMAIL_MESSAGES.SES_MESSAGE_ID).from(EMAIL_MESSAGES).where(IdSet.in(EMAIL_MESSAGES.CONTACT_ID, "ids"))))
        .and(EMAIL_EVENTS.RAW.ne(ERASED)));
    statement(dsl, "email-messages", DSL.update(EMAIL_MESSAGES)
        .set(EMAIL_MESSAGES.ERROR_DETAIL, (String) null)
        .where(IdSet.in(EMAIL_MESSAGES.CONTACT_ID, "ids"))
        .and(EMAIL_MESSAGES.ERROR_DETAIL.isNotNull()));
    statement(dsl, "signature-events", DSL.update(SIGNATURE_EVENTS)
        .set(SIGNATURE_EVENTS.PAYLOAD, ERASED)
        .where(SIGNATURE_EVENTS.SIGNATURE_REQUEST_ID.in(
            DSL.select(SIGNATURE_SIGNERS.SIGNATURE_REQUEST_ID).from(SIGNATURE_SIGNERS)
                .where(IdSet.in(SIGNATURE_SIGNERS.CONTACT_ID, "ids"))))
        .and(SIGNATURE_EVENTS.PAYLOAD.ne(ERASED)));
    statement(dsl, "petition-replies", DSL.update(PETITION_REPLIES)
        .set(PETITION_REPLIES.BODY, (String) null)
        .set(PETITION_REPLIES.ANONYMIZED_AT, NOW)
        .where(IdSet.in(PETITION_REPLIES.CONTACT_ID, "ids"))
        .and(PETITION_REPLIES.ANONYMIZED_AT.isNull()));
    statement(dsl, "petition-comments", DSL.update(PETITION_COMMENTS)
        .set(PETITION_COMMENTS.BODY, (String) null)
        .set(PETITION_COMMENTS.AUTHOR_NAME, (String) null)
        .set(PETITION_COMMENTS.ANONYMIZED_AT, NOW)
        .where(IdSet.in(PETITION_COMMENTS.CONTACT_ID, "ids"))
        .and(PETITION_COMMENTS.ANONYMIZED_AT.isNull()));
    ownedFiles = RenderedQuery.of(dsl, DSL.select(FILES.ID, FILES.STORAGE_KEY).from(FILES)
        .where(IdSet.in(FILES.CONTACT_ID, "ids")).and(FILES.ANONYMIZED_AT.isNull())
        .forUpdate());
    markFiles = RenderedQuery.of(dsl, DSL.update(FILES)
        .set(FILES.NAME, Anonymizer.ANONYMIZED)
        .set(FILES.DELETED_AT, DSL.coalesce(FILES.DELETED_AT, NOW))
        .set(FILES.ANONYMIZED_AT, NOW)
        .where(IdSet.in(FILES.ID, "ids")));
    // Documents (their type and expiry date) go, with the notices about them (on delete cascade).
    statement(dsl, "contact-documents", DSL.deleteFrom(CONTACT_DOCUMENTS)
        .where(IdSet.in(CONTACT_DOCUMENTS.CONTACT_ID, "ids")));
    statement(dsl, "contacts", DSL.update(CONTACTS)
        .set(CONTACTS.EMAIL, DSL.val("anonymized-").concat(CONTACTS.ID).concat(DSL.val("@invalid")))
        .set(CONTACTS.NAME, (String) null)
        .set(CONTACTS.DELETED_AT, DSL.coalesce(CONTACTS.DELETED_AT, NOW))
        .set(CONTACTS.ANONYMIZED_AT, NOW)
        .where(IdSet.in(CONTACTS.ID, "ids"))
        .and(CONTACTS.ANONYMIZED_AT.isNull()));
  }

  private void statement(DSLContext dsl, String kind, Query template) {
    byKind.put(kind, RenderedQuery.of(dsl, template));
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
    String[] ids = contactIds.toArray(String[]::new);
    byKind.forEach((kind, statement) -> {
      if (kind.equals("contacts")) {
        counts.put("files", files(t, ids, now)); // before the row that owns them changes
      }
      RenderedQuery.Bound bound = statement.bind().set("ids", ids);
      if (statement.takes("now")) {
        bound.set("now", now);
      }
      counts.put(kind, (long) bound.execute(t));
    });
    return counts;
  }

  /** The contacts' own files. */
  private long files(DSLContext t, String[] contactIds, OffsetDateTime now) {
    Result<Record> owned = ownedFiles.bind().set("ids", contactIds).fetch(t);
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
    return markFiles.bind().set("ids", ids.toArray(String[]::new)).set("now", now).execute(t);
  }
}
