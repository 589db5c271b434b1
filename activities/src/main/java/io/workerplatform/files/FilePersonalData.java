package io.workerplatform.files;

import static io.workerplatform.db.Tables.FILES;

import io.workerplatform.common.IdSet;
import io.workerplatform.common.RenderedQuery;
import io.workerplatform.personaldata.Erased;
import io.workerplatform.personaldata.ExportSections;
import io.workerplatform.personaldata.PersonalData;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.jooq.Condition;
import org.jooq.Cursor;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Record3;
import org.jooq.Result;
import org.jooq.impl.DSL;

/**
 * Stored files: a contact's are erased with it (their bytes deleted, their rows renamed), an
 * export carries the bytes of every file not erased. Exported last, erased first.
 */
public final class FilePersonalData implements PersonalData {
  private static final Field<OffsetDateTime> NOW = DSL.param("now", OffsetDateTime.class);
  /** Rows read per round trip. */
  private static final int FETCH_SIZE = 1000;

  private final FileStorage storage;
  private final RenderedQuery owned;
  private final RenderedQuery mark;

  public FilePersonalData(DSLContext dsl, FileStorage storage) {
    this.storage = storage;
    this.owned = RenderedQuery.of(dsl, DSL.select(FILES.ID, FILES.STORAGE_KEY).from(FILES)
        .where(IdSet.in(FILES.CONTACT_ID, "ids")).and(FILES.ANONYMIZED_AT.isNull())
        .forUpdate());
    this.mark = RenderedQuery.of(dsl, DSL.update(FILES)
        .set(FILES.NAME, Erased.TEXT)
        .set(FILES.DELETED_AT, DSL.coalesce(FILES.DELETED_AT, NOW))
        .set(FILES.ANONYMIZED_AT, NOW)
        .where(IdSet.in(FILES.ID, "ids")));
  }

  @Override
  public int order() {
    return 90;
  }

  @Override
  public Map<String, Long> eraseContacts(DSLContext t, String[] contactIds, OffsetDateTime now) {
    Result<Record> files = owned.bind().set("ids", contactIds).fetch(t);
    return Map.of("files", (long) erase(t, files.getValues(FILES.ID), files.getValues(FILES.STORAGE_KEY), now));
  }

  /**
   * Deletes the files' bytes, then marks their rows: bytes go first, so a transaction that fails
   * after leaves no row marked whose bytes are still there.
   */
  int erase(DSLContext t, List<String> ids, List<String> keys, OffsetDateTime now) {
    if (ids.isEmpty()) {
      return 0;
    }
    for (String key : keys) {
      try {
        storage.delete(key);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return mark.bind().set("ids", ids.toArray(String[]::new)).set("now", now).execute(t);
  }

  @Override
  public void exportOrganization(ExportSections out, String orgId) throws IOException {
    export(out, FILES.ORG_ID.eq(orgId));
  }

  @Override
  public void exportContact(ExportSections out, String orgId, String contactId) throws IOException {
    export(out, FILES.CONTACT_ID.eq(contactId).and(FILES.ORG_ID.eq(orgId)));
  }

  /** {@code files.json} and the bytes of every file not erased. */
  private void export(ExportSections out, Condition which) throws IOException {
    DSLContext dsl = out.dsl();
    out.rows("files.json",
        dsl.select(FILES.ID, FILES.CONTACT_ID, FILES.NAME, FILES.CONTENT_TYPE, FILES.SIZE_BYTES, FILES.SHA256, FILES.CREATED_AT)
            .from(FILES).where(which).and(FILES.ANONYMIZED_AT.isNull()).orderBy(FILES.ID));
    try (Cursor<Record3<String, String, String>> files =
        dsl.select(FILES.ID, FILES.NAME, FILES.STORAGE_KEY)
            .from(FILES).where(which).and(FILES.ANONYMIZED_AT.isNull()).orderBy(FILES.ID)
            .fetchSize(FETCH_SIZE).fetchLazy()) {
      for (var file : files) {
        try (InputStream in = storage.open(file.value3())) {
          out.file(file.value1(), file.value2(), in);
        }
      }
    }
  }
}
