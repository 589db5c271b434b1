package io.workerplatform.members;

import static io.workerplatform.db.Tables.MEMBERS;

import io.workerplatform.common.RenderedQuery;
import io.workerplatform.personaldata.Erased;
import io.workerplatform.retention.RetentionCategory;
import io.workerplatform.retention.RetentionSql;
import io.workerplatform.retention.RetentionStep;
import java.util.List;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/** Retention category {@code members}: a deleted member past its retention loses its address and name. */
public final class MemberRetention implements RetentionCategory {
  public static final String CATEGORY = "members";

  private final RenderedQuery anonymize;

  public MemberRetention(DSLContext dsl) {
    // one statement per batch: an UPDATE of the ids its subquery picks
    this.anonymize = RenderedQuery.of(dsl, DSL.update(MEMBERS)
        .set(MEMBERS.EMAIL, Erased.address(MEMBERS.ID))
        .set(MEMBERS.NAME, (String) null)
        .set(MEMBERS.ANONYMIZED_AT, RetentionSql.NOW)
        .where(MEMBERS.ID.in(
            DSL.select(MEMBERS.ID)
                .from(RetentionSql.withRetention(MEMBERS, MEMBERS.ORG_ID, CATEGORY))
                .where(MEMBERS.ANONYMIZED_AT.isNull())
                .and(RetentionSql.share(MEMBERS.ID))
                .and(RetentionSql.pastRetention(MEMBERS.DELETED_AT))
                .limit(RetentionSql.LIMIT)))
        .and(MEMBERS.ANONYMIZED_AT.isNull())
        .returning(MEMBERS.ORG_ID));
  }

  @Override
  public String name() {
    return CATEGORY;
  }

  @Override
  public List<RetentionStep> steps() {
    return List.of(new RetentionStep("members", "member", 50, (t, scan) -> scan.bind(anonymize).fetch(t).getValues(MEMBERS.ORG_ID)));
  }
}
