package io.workerplatform.documents;

import io.workerplatform.contacts.ContactStore;
import static io.workerplatform.db.Tables.CONTACT_DOCUMENTS;
import static io.workerplatform.db.Tables.CONTACT_DOCUMENT_NOTICES;

import io.workerplatform.expiring.ExpiringItems;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/** Contacts' documents as expiring items: {@code document.expiring}, noticed in {@code contact_document_notices}. */
public final class ExpiringDocuments implements ExpiringItems {

  @Override
  public String eventType() {
    return "document.expiring";
  }

  @Override
  public List<Item> expiring(DSLContext dsl, String orgId, LocalDate from, LocalDate until) {
    // notices cover a threshold and every farther one: the nearest noticed is what counts
    var nearestNoticed =
        DSL.field(DSL.select(DSL.min(CONTACT_DOCUMENT_NOTICES.THRESHOLD))
            .from(CONTACT_DOCUMENT_NOTICES)
            .where(CONTACT_DOCUMENT_NOTICES.DOCUMENT_ID.eq(CONTACT_DOCUMENTS.ID)));
    return dsl.select(CONTACT_DOCUMENTS.ID, CONTACT_DOCUMENTS.CONTACT_ID, CONTACT_DOCUMENTS.TYPE, CONTACT_DOCUMENTS.EXPIRES_AT,
            nearestNoticed)
        .from(CONTACT_DOCUMENTS)
        .where(CONTACT_DOCUMENTS.ORG_ID.eq(orgId))
        .and(CONTACT_DOCUMENTS.EXPIRES_AT.between(from, until))
        .and(ContactStore.isLive(CONTACT_DOCUMENTS.CONTACT_ID))
        .orderBy(CONTACT_DOCUMENTS.ID)
        .fetch(r -> {
          Map<String, Object> data = new LinkedHashMap<>();
          data.put("contactId", r.value2());
          data.put("documentId", r.value1());
          data.put("documentType", r.value3());
          return new Item(r.value1(), r.value4(), r.value5(), data);
        });
  }

  @Override
  public void noticed(
      DSLContext dsl, String orgId, String itemId, List<Integer> thresholds, String eventId, OffsetDateTime at) {
    for (int threshold : thresholds) {
      dsl.insertInto(CONTACT_DOCUMENT_NOTICES)
          .set(CONTACT_DOCUMENT_NOTICES.DOCUMENT_ID, itemId)
          .set(CONTACT_DOCUMENT_NOTICES.ORG_ID, orgId)
          .set(CONTACT_DOCUMENT_NOTICES.THRESHOLD, threshold)
          .set(CONTACT_DOCUMENT_NOTICES.EVENT_ID, eventId)
          .set(CONTACT_DOCUMENT_NOTICES.CREATED_AT, at)
          .onConflictDoNothing()
          .execute();
    }
  }
}
