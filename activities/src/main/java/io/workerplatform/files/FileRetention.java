package io.workerplatform.files;

import static io.workerplatform.db.Tables.FILES;

import io.workerplatform.common.RenderedQuery;
import io.workerplatform.retention.RetentionCategory;
import io.workerplatform.retention.RetentionSql;
import io.workerplatform.retention.RetentionStep;
import io.workerplatform.retention.Scan;
import io.workerplatform.retention.SoftDeletable;
import java.util.List;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.Result;
import org.jooq.impl.DSL;

/** Retention category {@code files}: a deleted file past its retention loses its bytes and its name. */
public final class FileRetention implements RetentionCategory {
  public static final String CATEGORY = "files";

  private final FilePersonalData files;
  private final RenderedQuery due;

  public FileRetention(DSLContext dsl, FilePersonalData files) {
    this.files = files;
    this.due = RenderedQuery.of(dsl, DSL.select(FILES.ID, FILES.ORG_ID, FILES.STORAGE_KEY)
        .from(RetentionSql.withRetention(FILES, FILES.ORG_ID, CATEGORY))
        .where(FILES.ANONYMIZED_AT.isNull())
        .and(RetentionSql.share(FILES.ID))
        .and(RetentionSql.pastRetention(FILES.DELETED_AT))
        .limit(RetentionSql.LIMIT)
        .forUpdate().of(FILES).skipLocked());
  }

  @Override
  public String name() {
    return CATEGORY;
  }

  @Override
  public List<RetentionStep> steps() {
    return List.of(new RetentionStep("files", "file", 60, this::files));
  }

  @Override
  public List<SoftDeletable> softDeletables() {
    return List.of(new SoftDeletable("file", FILES, FILES.ID, FILES.ORG_ID, FILES.DELETED_AT));
  }

  private List<String> files(DSLContext t, Scan scan) {
    Result<Record> rows = scan.bind(due).fetch(t);
    files.erase(t, rows.getValues(FILES.ID), rows.getValues(FILES.STORAGE_KEY), scan.now());
    return rows.getValues(FILES.ORG_ID);
  }
}
