package io.workerplatform.profiles;

import static io.workerplatform.db.Tables.PROFILES;

import io.workerplatform.common.RenderedQuery;
import io.workerplatform.retention.RetentionCategory;
import io.workerplatform.retention.RetentionSql;
import io.workerplatform.retention.RetentionStep;
import io.workerplatform.retention.SoftDeletable;
import java.util.List;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/**
 * Retention category {@code profiles}: a profile deleted longer ago than the organization's
 * retention for it (30 days unless set) is deleted for good, name, date of birth and all; a
 * scheduled deletion may name a profile (entity type {@code profile}).
 */
public final class ProfileRetention implements RetentionCategory {
  public static final String CATEGORY = "profiles";

  private final RenderedQuery delete;

  public ProfileRetention(DSLContext dsl) {
    this.delete = RenderedQuery.of(dsl, DSL.deleteFrom(PROFILES)
        .where(PROFILES.ID.in(
            DSL.select(PROFILES.ID)
                .from(RetentionSql.withRetention(PROFILES, PROFILES.ORG_ID, CATEGORY))
                .where(PROFILES.DELETED_AT.isNotNull())
                .and(RetentionSql.pastRetention(PROFILES.DELETED_AT))
                .and(RetentionSql.share(PROFILES.ORG_ID))
                .limit(RetentionSql.LIMIT)))
        .returning(PROFILES.ORG_ID));
  }

  @Override
  public String name() {
    return CATEGORY;
  }

  @Override
  public List<RetentionStep> steps() {
    return List.of(new RetentionStep(
        "profiles", "profile", 80, (t, scan) -> scan.bind(delete).fetch(t).getValues(PROFILES.ORG_ID)));
  }

  @Override
  public List<SoftDeletable> softDeletables() {
    return List.of(new SoftDeletable("profile", PROFILES, PROFILES.ID, PROFILES.ORG_ID, PROFILES.DELETED_AT));
  }
}
