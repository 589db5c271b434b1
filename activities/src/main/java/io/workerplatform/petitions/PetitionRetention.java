package io.workerplatform.petitions;

import static io.workerplatform.db.Tables.PETITIONS;
import static io.workerplatform.db.Tables.PETITION_COMMENTS;
import static io.workerplatform.db.Tables.PETITION_REPLIES;
import static io.workerplatform.retention.RetentionSql.AFTER;
import static io.workerplatform.retention.RetentionSql.LIMIT;
import static io.workerplatform.retention.RetentionSql.NOW;

import io.workerplatform.common.RenderedQuery;
import io.workerplatform.personaldata.Erased;
import io.workerplatform.retention.RetentionCategory;
import io.workerplatform.retention.RetentionSql;
import io.workerplatform.retention.RetentionStep;
import io.workerplatform.retention.Scan;
import io.workerplatform.retention.SoftDeletable;
import java.time.OffsetDateTime;
import java.util.List;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Query;
import org.jooq.Record;
import org.jooq.Result;
import org.jooq.Table;
import org.jooq.UpdateSetMoreStep;
import org.jooq.impl.DSL;

/**
 * Retention category {@code petitions}: a deleted petition past its retention loses its title, and
 * its replies and comments their bodies, authors and contacts.
 *
 * <p>Each step changes its rows in one statement per batch: an UPDATE of the ids its subquery
 * picks, returning what the audit and the cursor need. The UPDATE locks only the rows it changes,
 * and re-checks {@code anonymized_at} on a row a concurrent run changed meanwhile, so two runs never
 * change a row twice.
 */
public final class PetitionRetention implements RetentionCategory {
  public static final String CATEGORY = "petitions";

  private final RenderedQuery replies;
  private final RenderedQuery comments;
  private final RenderedQuery petitions;

  public PetitionRetention(DSLContext dsl) {
    this.replies = RenderedQuery.of(dsl, petitionRowsTemplate(
        PETITION_REPLIES, PETITION_REPLIES.ID, PETITION_REPLIES.PETITION_ID, PETITION_REPLIES.ORG_ID,
        PETITION_REPLIES.ANONYMIZED_AT, List.of(PETITION_REPLIES.BODY, PETITION_REPLIES.CONTACT_ID)));
    this.comments = RenderedQuery.of(dsl, petitionRowsTemplate(
        PETITION_COMMENTS, PETITION_COMMENTS.ID, PETITION_COMMENTS.PETITION_ID, PETITION_COMMENTS.ORG_ID,
        PETITION_COMMENTS.ANONYMIZED_AT,
        List.of(PETITION_COMMENTS.BODY, PETITION_COMMENTS.AUTHOR_NAME, PETITION_COMMENTS.CONTACT_ID)));
    this.petitions = RenderedQuery.of(dsl, petitionsTemplate());
  }

  @Override
  public String name() {
    return CATEGORY;
  }

  @Override
  public List<RetentionStep> steps() {
    return List.of(
        new RetentionStep("petition-replies", "petition-reply", 10,
            (t, scan) -> petitionRows(t, scan, replies, PETITION_REPLIES.ORG_ID, PETITION_REPLIES.PETITION_ID)),
        new RetentionStep("petition-comments", "petition-comment", 20,
            (t, scan) -> petitionRows(t, scan, comments, PETITION_COMMENTS.ORG_ID, PETITION_COMMENTS.PETITION_ID)),
        new RetentionStep("petitions", "petition", 30,
            (t, scan) -> scan.bind(petitions).fetch(t).getValues(PETITIONS.ORG_ID)));
  }

  @Override
  public List<SoftDeletable> softDeletables() {
    return List.of(new SoftDeletable("petition", PETITIONS, PETITIONS.ID, PETITIONS.ORG_ID, PETITIONS.DELETED_AT));
  }

  /**
   * Replies and comments: the rows of deleted petitions, petition by petition from the cursor on
   * ({@code >=}: the last petition may have more left), with {@code cleared} columns emptied.
   */
  private static <R extends Record> Query petitionRowsTemplate(
      Table<R> table, Field<String> id, Field<String> petitionId, Field<String> orgId,
      Field<OffsetDateTime> anonymizedAt, List<Field<String>> cleared) {
    UpdateSetMoreStep<R> update = DSL.update(table).set(anonymizedAt, NOW);
    for (Field<String> column : cleared) {
      update = update.set(column, (String) null);
    }
    return update
        .where(id.in(
            DSL.select(id)
                .from(RetentionSql.withRetention(PETITIONS.join(table).on(petitionId.eq(PETITIONS.ID)), PETITIONS.ORG_ID, CATEGORY))
                .where(PETITIONS.ID.ge(AFTER))
                .and(RetentionSql.share(PETITIONS.ID))
                .and(anonymizedAt.isNull())
                .and(RetentionSql.pastRetention(PETITIONS.DELETED_AT))
                .orderBy(PETITIONS.ID)
                .limit(LIMIT)))
        .and(anonymizedAt.isNull())
        .returning(orgId, petitionId);
  }

  private static List<String> petitionRows(
      DSLContext t, Scan scan, RenderedQuery statement, Field<String> orgId, Field<String> petitionId) {
    Result<Record> changed = scan.bind(statement).fetch(t);
    changed.getValues(petitionId).stream().max(String::compareTo).ifPresent(scan::advanceTo);
    return changed.getValues(orgId);
  }

  private static Query petitionsTemplate() {
    return DSL.update(PETITIONS)
        .set(PETITIONS.TITLE, Erased.TEXT)
        .set(PETITIONS.ANONYMIZED_AT, NOW)
        .where(PETITIONS.ID.in(
            DSL.select(PETITIONS.ID)
                .from(RetentionSql.withRetention(PETITIONS, PETITIONS.ORG_ID, CATEGORY))
                .where(PETITIONS.ANONYMIZED_AT.isNull())
                .and(RetentionSql.share(PETITIONS.ID))
                .and(RetentionSql.pastRetention(PETITIONS.DELETED_AT))
                .limit(LIMIT)))
        .and(PETITIONS.ANONYMIZED_AT.isNull())
        .returning(PETITIONS.ORG_ID);
  }
}
