package io.workerplatform.contacts;

import static io.workerplatform.db.Tables.CONTACTS;

import io.workerplatform.common.IdSet;
import io.workerplatform.common.RenderedQuery;
import io.workerplatform.personaldata.Erased;
import io.workerplatform.personaldata.ExportSections;
import io.workerplatform.personaldata.PersonalData;
import java.io.IOException;
import java.time.OffsetDateTime;
import java.util.Map;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.impl.DSL;

/** The contact's own row: exported first, erased last (its address and name overwritten). */
public final class ContactPersonalData implements PersonalData {
  private static final Field<OffsetDateTime> NOW = DSL.param("now", OffsetDateTime.class);

  private final RenderedQuery erase;

  public ContactPersonalData(DSLContext dsl) {
    this.erase = RenderedQuery.of(dsl, DSL.update(CONTACTS)
        .set(CONTACTS.EMAIL, Erased.address(CONTACTS.ID))
        .set(CONTACTS.NAME, (String) null)
        .set(CONTACTS.DELETED_AT, DSL.coalesce(CONTACTS.DELETED_AT, NOW))
        .set(CONTACTS.ANONYMIZED_AT, NOW)
        .where(IdSet.in(CONTACTS.ID, "ids"))
        .and(CONTACTS.ANONYMIZED_AT.isNull()));
  }

  @Override
  public int order() {
    return 10;
  }

  @Override
  public Map<String, Long> eraseContacts(DSLContext t, String[] contactIds, OffsetDateTime now) {
    return Map.of("contacts", (long) erase.bind().set("ids", contactIds).set("now", now).execute(t));
  }

  @Override
  public void exportOrganization(ExportSections out, String orgId) throws IOException {
    out.rows("contacts.json", out.dsl().selectFrom(CONTACTS).where(CONTACTS.ORG_ID.eq(orgId)).orderBy(CONTACTS.ID));
  }

  @Override
  public void exportContact(ExportSections out, String orgId, String contactId) throws IOException {
    out.rows("contact.json", out.dsl().selectFrom(CONTACTS).where(CONTACTS.ID.eq(contactId)).and(CONTACTS.ORG_ID.eq(orgId)));
  }

  /** Locks the organization's contact for its erasure; false when it has no such contact. */
  public static boolean lockForErasure(DSLContext t, String orgId, String contactId) {
    return t.select(CONTACTS.ID).from(CONTACTS)
        .where(CONTACTS.ID.eq(contactId).and(CONTACTS.ORG_ID.eq(orgId)))
        .forUpdate().fetchOptional().isPresent();
  }
}
