package io.workerplatform.signatures;

import static io.workerplatform.db.Tables.SIGNATURE_EVENTS;
import static io.workerplatform.db.Tables.SIGNATURE_REQUESTS;
import static io.workerplatform.db.Tables.SIGNATURE_SIGNERS;

import io.workerplatform.common.IdSet;
import io.workerplatform.common.RenderedQuery;
import io.workerplatform.personaldata.Erased;
import io.workerplatform.personaldata.ExportSections;
import io.workerplatform.personaldata.PersonalData;
import java.io.IOException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.ResultQuery;
import org.jooq.impl.DSL;

/**
 * Signature requests a contact signs: the providers' callbacks about them (they carry names and
 * addresses) are erased with the contact; exports hold the requests with their signers.
 */
public final class SignaturePersonalData implements PersonalData {
  private final RenderedQuery eraseEvents;

  public SignaturePersonalData(DSLContext dsl) {
    this.eraseEvents = RenderedQuery.of(dsl, DSL.update(SIGNATURE_EVENTS)
        .set(SIGNATURE_EVENTS.PAYLOAD, Erased.JSON)
        .where(SIGNATURE_EVENTS.SIGNATURE_REQUEST_ID.in(
            DSL.select(SIGNATURE_SIGNERS.SIGNATURE_REQUEST_ID).from(SIGNATURE_SIGNERS)
                .where(IdSet.in(SIGNATURE_SIGNERS.CONTACT_ID, "ids"))))
        .and(SIGNATURE_EVENTS.PAYLOAD.ne(Erased.JSON)));
  }

  @Override
  public int order() {
    return 50;
  }

  @Override
  public Map<String, Long> eraseContacts(DSLContext t, String[] contactIds, OffsetDateTime now) {
    return Map.of("signature-events", (long) eraseEvents.bind().set("ids", contactIds).execute(t));
  }

  @Override
  public void exportOrganization(ExportSections out, String orgId) throws IOException {
    out.rows("signature_requests.json", requests(out.dsl(), SIGNATURE_REQUESTS.ORG_ID.eq(orgId)));
  }

  @Override
  public void exportContact(ExportSections out, String orgId, String contactId) throws IOException {
    out.rows("signature_requests.json", requests(out.dsl(), SIGNATURE_REQUESTS.ORG_ID.eq(orgId).and(SIGNATURE_REQUESTS.ID.in(
        DSL.select(SIGNATURE_SIGNERS.SIGNATURE_REQUEST_ID).from(SIGNATURE_SIGNERS)
            .where(SIGNATURE_SIGNERS.CONTACT_ID.eq(contactId))))));
  }

  /** Requests with their signers; the callback token is a credential, not data, and stays out. */
  private static ResultQuery<?> requests(DSLContext dsl, Condition which) {
    List<Field<?>> fields = new ArrayList<>(List.of(SIGNATURE_REQUESTS.fields()));
    fields.remove(SIGNATURE_REQUESTS.LEGACY_CALLBACK_TOKEN_SHA256);
    fields.add(SIGNATURE_SIGNERS.CONTACT_ID.as("signer_contact_id"));
    fields.add(SIGNATURE_SIGNERS.POSITION.as("signer_position"));
    fields.add(SIGNATURE_SIGNERS.STATE.as("signer_state"));
    return dsl.select(fields)
        .from(SIGNATURE_REQUESTS)
        .join(SIGNATURE_SIGNERS)
        .on(SIGNATURE_SIGNERS.SIGNATURE_REQUEST_ID.eq(SIGNATURE_REQUESTS.ID).and(SIGNATURE_SIGNERS.ORG_ID.eq(SIGNATURE_REQUESTS.ORG_ID)))
        .where(which)
        .orderBy(SIGNATURE_REQUESTS.ID, SIGNATURE_SIGNERS.POSITION);
  }
}
