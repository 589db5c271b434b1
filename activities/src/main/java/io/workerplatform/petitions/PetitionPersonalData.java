package io.workerplatform.petitions;

import static io.workerplatform.db.Tables.PETITIONS;
import static io.workerplatform.db.Tables.PETITION_COMMENTS;
import static io.workerplatform.db.Tables.PETITION_REPLIES;

import io.workerplatform.common.IdSet;
import io.workerplatform.common.RenderedQuery;
import io.workerplatform.personaldata.ExportSections;
import io.workerplatform.personaldata.PersonalData;
import java.io.IOException;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.impl.DSL;

/** A contact's replies and comments (their bodies and author names); an organization's petitions. */
public final class PetitionPersonalData implements PersonalData {
  private static final Field<OffsetDateTime> NOW = DSL.param("now", OffsetDateTime.class);

  private final RenderedQuery eraseReplies;
  private final RenderedQuery eraseComments;

  public PetitionPersonalData(DSLContext dsl) {
    this.eraseReplies = RenderedQuery.of(dsl, DSL.update(PETITION_REPLIES)
        .set(PETITION_REPLIES.BODY, (String) null)
        .set(PETITION_REPLIES.ANONYMIZED_AT, NOW)
        .where(IdSet.in(PETITION_REPLIES.CONTACT_ID, "ids"))
        .and(PETITION_REPLIES.ANONYMIZED_AT.isNull()));
    this.eraseComments = RenderedQuery.of(dsl, DSL.update(PETITION_COMMENTS)
        .set(PETITION_COMMENTS.BODY, (String) null)
        .set(PETITION_COMMENTS.AUTHOR_NAME, (String) null)
        .set(PETITION_COMMENTS.ANONYMIZED_AT, NOW)
        .where(IdSet.in(PETITION_COMMENTS.CONTACT_ID, "ids"))
        .and(PETITION_COMMENTS.ANONYMIZED_AT.isNull()));
  }

  @Override
  public int order() {
    return 30;
  }

  @Override
  public Map<String, Long> eraseContacts(DSLContext t, String[] contactIds, OffsetDateTime now) {
    Map<String, Long> counts = new LinkedHashMap<>();
    counts.put("petition-replies", (long) eraseReplies.bind().set("ids", contactIds).set("now", now).execute(t));
    counts.put("petition-comments", (long) eraseComments.bind().set("ids", contactIds).set("now", now).execute(t));
    return counts;
  }

  @Override
  public void exportOrganization(ExportSections out, String orgId) throws IOException {
    out.rows("petitions.json", out.dsl().selectFrom(PETITIONS).where(PETITIONS.ORG_ID.eq(orgId)).orderBy(PETITIONS.ID));
    rows(out, PETITION_REPLIES.ORG_ID.eq(orgId), PETITION_COMMENTS.ORG_ID.eq(orgId));
  }

  @Override
  public void exportContact(ExportSections out, String orgId, String contactId) throws IOException {
    rows(out, PETITION_REPLIES.CONTACT_ID.eq(contactId).and(PETITION_REPLIES.ORG_ID.eq(orgId)),
        PETITION_COMMENTS.CONTACT_ID.eq(contactId).and(PETITION_COMMENTS.ORG_ID.eq(orgId)));
  }

  private static void rows(ExportSections out, Condition replies, Condition comments) throws IOException {
    out.rows("petition_replies.json", out.dsl().selectFrom(PETITION_REPLIES).where(replies).orderBy(PETITION_REPLIES.ID));
    out.rows("petition_comments.json", out.dsl().selectFrom(PETITION_COMMENTS).where(comments).orderBy(PETITION_COMMENTS.ID));
  }
}
