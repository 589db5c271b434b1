package io.workerplatform.documents;

import static io.workerplatform.db.Tables.CONTACT_DOCUMENTS;

import io.workerplatform.common.IdSet;
import io.workerplatform.common.RenderedQuery;
import io.workerplatform.personaldata.ExportSections;
import io.workerplatform.personaldata.PersonalData;
import java.io.IOException;
import java.time.OffsetDateTime;
import java.util.Map;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/** A contact's documents (their type and expiry date): deleted with it, with the notices about them (on delete cascade). */
public final class DocumentPersonalData implements PersonalData {
  private final RenderedQuery erase;

  public DocumentPersonalData(DSLContext dsl) {
    this.erase = RenderedQuery.of(dsl, DSL.deleteFrom(CONTACT_DOCUMENTS).where(IdSet.in(CONTACT_DOCUMENTS.CONTACT_ID, "ids")));
  }

  @Override
  public int order() {
    return 20;
  }

  @Override
  public Map<String, Long> eraseContacts(DSLContext t, String[] contactIds, OffsetDateTime now) {
    return Map.of("contact-documents", (long) erase.bind().set("ids", contactIds).execute(t));
  }

  @Override
  public void exportOrganization(ExportSections out, String orgId) throws IOException {
    rows(out, CONTACT_DOCUMENTS.ORG_ID.eq(orgId));
  }

  @Override
  public void exportContact(ExportSections out, String orgId, String contactId) throws IOException {
    rows(out, CONTACT_DOCUMENTS.CONTACT_ID.eq(contactId).and(CONTACT_DOCUMENTS.ORG_ID.eq(orgId)));
  }

  private static void rows(ExportSections out, Condition which) throws IOException {
    out.rows("documents.json", out.dsl().selectFrom(CONTACT_DOCUMENTS).where(which).orderBy(CONTACT_DOCUMENTS.ID));
  }
}
