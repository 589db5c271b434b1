package io.workerplatform.documents;

import static io.workerplatform.db.Tables.CONTACT_DOCUMENTS;

import io.workerplatform.common.Ids;
import io.workerplatform.contacts.ContactStore;
import io.workerplatform.common.NotFoundException;
import io.workerplatform.db.tables.records.ContactDocumentsRecord;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.jooq.DSLContext;

/** Contacts' documents with an expiry date. */
public class DocumentStore {
  public record Document(String id, String contactId, String type, LocalDate expiresAt, Instant createdAt) {}

  private final DSLContext dsl;
  private final Clock clock;

  public DocumentStore(DSLContext dsl, Clock clock) {
    this.dsl = dsl;
    this.clock = clock;
  }

  /**
   * Adds a document to the contact.
   *
   * @throws NotFoundException for a contact the organization does not have (or deleted)
   */
  public Document add(String orgId, String contactId, String type, LocalDate expiresAt) {
    requireContact(orgId, contactId);
    return dsl.insertInto(CONTACT_DOCUMENTS)
        .set(CONTACT_DOCUMENTS.ID, Ids.newId("doc"))
        .set(CONTACT_DOCUMENTS.ORG_ID, orgId)
        .set(CONTACT_DOCUMENTS.CONTACT_ID, contactId)
        .set(CONTACT_DOCUMENTS.TYPE, type)
        .set(CONTACT_DOCUMENTS.EXPIRES_AT, expiresAt)
        .set(CONTACT_DOCUMENTS.CREATED_AT, OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC))
        .returning()
        .fetchSingle(DocumentStore::document);
  }

  /**
   * The contact's documents, soonest expiry first (a contact has a handful).
   *
   * @throws NotFoundException for a contact the organization does not have (or deleted)
   */
  public List<Document> list(String orgId, String contactId) {
    requireContact(orgId, contactId);
    return dsl.selectFrom(CONTACT_DOCUMENTS)
        .where(CONTACT_DOCUMENTS.CONTACT_ID.eq(contactId))
        .and(CONTACT_DOCUMENTS.ORG_ID.eq(orgId))
        .orderBy(CONTACT_DOCUMENTS.EXPIRES_AT, CONTACT_DOCUMENTS.ID)
        .fetch(DocumentStore::document);
  }

  public boolean delete(String orgId, String contactId, String id) {
    return dsl.deleteFrom(CONTACT_DOCUMENTS)
            .where(CONTACT_DOCUMENTS.ID.eq(id))
            .and(CONTACT_DOCUMENTS.CONTACT_ID.eq(contactId))
            .and(CONTACT_DOCUMENTS.ORG_ID.eq(orgId))
            .execute()
        == 1;
  }

  /** @throws NotFoundException for a contact the organization does not have (or deleted) */
  public void requireContact(String orgId, String contactId) {
    ContactStore.requireActive(dsl, orgId, contactId);
  }

  private static Document document(ContactDocumentsRecord r) {
    return new Document(r.getId(), r.getContactId(), r.getType(), r.getExpiresAt(), r.getCreatedAt().toInstant());
  }
}
