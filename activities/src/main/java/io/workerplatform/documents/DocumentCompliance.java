package io.workerplatform.documents;

import static io.workerplatform.db.Tables.CONTACT_DOCUMENTS;

import io.workerplatform.compliance.ComplianceScore;
import io.workerplatform.compliance.ComplianceSource;
import io.workerplatform.contacts.ContactStore;
import java.time.LocalDate;
import java.util.List;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.impl.DSL;

/**
 * Contacts' part of compliance, when the organization requires contact documents: each live
 * contact must hold a document of each required type (ignoring case); its latest expiry decides,
 * as for profiles. One query per organization.
 */
public final class DocumentCompliance implements ComplianceSource {
  static final int EXPIRING_DAYS = 30;

  @Override
  public List<Finding> findings(DSLContext dsl, String orgId, Requirements requirements, LocalDate today) {
    if (requirements.contactDocumentKinds().isEmpty()) {
      return List.of();
    }
    Field<String> kind = DSL.field(DSL.name("k", "kind"), String.class);
    Field<LocalDate> latest = DSL.max(CONTACT_DOCUMENTS.EXPIRES_AT).as("latest");
    var kinds = DSL.table("unnest({0}::text[])", DSL.val(requirements.contactDocumentKinds().toArray(String[]::new)))
        .as("k", "kind");
    // the organization's contacts as the contacts capability answers them
    var contacts = ContactStore.ids(orgId, null).asTable("c", "id");
    Field<String> contactId = DSL.field(DSL.name("c", "id"), String.class);
    return dsl.select(contactId, kind, latest)
        .from(contacts)
        .crossJoin(kinds)
        .leftJoin(CONTACT_DOCUMENTS)
        .on(CONTACT_DOCUMENTS.CONTACT_ID.eq(contactId))
        .and(DSL.lower(CONTACT_DOCUMENTS.TYPE).eq(DSL.lower(kind)))
        .where(ContactStore.isLive(contactId))
        .groupBy(contactId, kind)
        .having(DSL.max(CONTACT_DOCUMENTS.EXPIRES_AT).isNull()
            .or(DSL.max(CONTACT_DOCUMENTS.EXPIRES_AT).le(today.plusDays(EXPIRING_DAYS))))
        .orderBy(contactId, kind)
        .fetch(r -> {
          LocalDate expires = r.get(latest);
          String type = expires == null ? ComplianceScore.MISSING_DOCUMENT
              : expires.isBefore(today) ? ComplianceScore.EXPIRED_DOCUMENT : ComplianceScore.EXPIRING_DOCUMENT;
          return new Finding(type, "contact", r.get(contactId), r.get(kind), expires);
        });
  }
}
