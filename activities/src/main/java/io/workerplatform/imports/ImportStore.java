package io.workerplatform.imports;

import static io.workerplatform.db.Tables.IMPORTS;
import static io.workerplatform.db.Tables.IMPORT_ERRORS;

import io.workerplatform.common.Organizations;
import io.workerplatform.db.tables.records.ImportsRecord;
import io.workerplatform.outbox.OutboxTable;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.InsertValuesStep5;
import org.jooq.impl.DSL;

/**
 * Imports: the row the API stores with the file, the offset and counters each batch commits, the
 * row errors. The row is the truth about progress: a batch reads where to start from it under its
 * lock, so a batch retried while another attempt still runs waits, then starts where that one
 * ended.
 */
public class ImportStore {
  public static final String QUEUED = "QUEUED";
  public static final String RUNNING = "RUNNING";

  /**
   * Started after the commit by the API; the relay starts one left unstarted, and the sweeper
   * starts again one not finished whose workflow no longer runs (it resumes at its offset).
   */
  public static final OutboxTable OUTBOX = OutboxTable.of(
          IMPORTS, IMPORTS.ID, IMPORTS.ORG_ID, IMPORTS.CREATED_AT, IMPORTS.WORKFLOW_STARTED_AT)
      .sweeping(IMPORTS.FINISHED_AT.isNull());

  public record Import(
      String id, String orgId, String kind, String status, String fileName, long sizeBytes, String sha256,
      List<String> columns, String storageKey, long nextOffset, int nextLine, int rows, int imported, int updated,
      int failed, String failureReason, Instant createdAt, Instant finishedAt) {

    public boolean isFinished() {
      return !QUEUED.equals(status) && !RUNNING.equals(status);
    }
  }

  /** The stored bytes of an upload, before its import row exists. */
  public record Upload(String id, String storageKey, String fileName, long sizeBytes, String sha256) {}

  /** A row error: the file's line, the column (null: the whole row), why. */
  public record RowError(int line, String column, String reason) {}

  private final DSLContext dsl;
  private final Clock clock;

  public ImportStore(DSLContext dsl, Clock clock) {
    this.dsl = dsl;
    this.clock = clock;
  }

  /**
   * Stores a queued import of {@code upload}, whose first row (after the header) starts at
   * {@code firstRowOffset}; empty when the organization has an import with
   * this idempotency key already (that one stands, this upload is not needed).
   */
  public Optional<Import> create(
      String id, String orgId, String kind, List<String> columns, long firstRowOffset, int firstRowLine, Upload upload,
      String idempotencyKey) {
    return Organizations.writingFor(orgId, () -> dsl.insertInto(IMPORTS)
        .set(IMPORTS.ID, id)
        .set(IMPORTS.ORG_ID, orgId)
        .set(IMPORTS.KIND, kind)
        .set(IMPORTS.STATUS, QUEUED)
        .set(IMPORTS.STORAGE_KEY, upload.storageKey())
        .set(IMPORTS.FILE_NAME, upload.fileName())
        .set(IMPORTS.SIZE_BYTES, upload.sizeBytes())
        .set(IMPORTS.SHA256, upload.sha256())
        .set(IMPORTS.COLUMNS, columns.toArray(String[]::new))
        .set(IMPORTS.NEXT_OFFSET, firstRowOffset)
        .set(IMPORTS.NEXT_LINE, firstRowLine)
        .set(IMPORTS.IDEMPOTENCY_KEY, idempotencyKey)
        .set(IMPORTS.CREATED_AT, now())
        .onConflict(IMPORTS.ORG_ID, IMPORTS.IDEMPOTENCY_KEY).doNothing()
        .returning()
        .fetchOptional(ImportStore::view));
  }

  public Optional<Import> find(String orgId, String id) {
    return dsl.selectFrom(IMPORTS).where(IMPORTS.ORG_ID.eq(orgId)).and(IMPORTS.ID.eq(id)).fetchOptional(ImportStore::view);
  }

  public Optional<Import> byIdempotencyKey(String orgId, String key) {
    return dsl.selectFrom(IMPORTS).where(IMPORTS.ORG_ID.eq(orgId)).and(IMPORTS.IDEMPOTENCY_KEY.eq(key))
        .fetchOptional(ImportStore::view);
  }

  /** The import, whatever its organization (the workflow knows only its id). */
  public Optional<Import> byId(String id) {
    return dsl.selectFrom(IMPORTS).where(IMPORTS.ID.eq(id)).fetchOptional(ImportStore::view);
  }

  /** The import locked for a batch in {@code t}: another batch of it waits until {@code t} ends. */
  Optional<Import> lock(DSLContext t, String id) {
    return t.selectFrom(IMPORTS).where(IMPORTS.ID.eq(id)).forUpdate().fetchOptional(ImportStore::view);
  }

  /** Marks a queued import running (a retry finds it running). */
  public void markRunning(String id) {
    dsl.update(IMPORTS).set(IMPORTS.STATUS, RUNNING).where(IMPORTS.ID.eq(id)).and(IMPORTS.STATUS.eq(QUEUED)).execute();
  }

  /** In the batch's transaction: its row errors, where the next batch starts, the counters. */
  void commitBatch(DSLContext t, String id, String orgId, List<RowError> errors, long nextOffset, int nextLine, int rows,
      int imported, int updated, int failed, long startedNanos) {
    if (!errors.isEmpty()) {
      InsertValuesStep5<?, String, String, Integer, String, String> insert = t.insertInto(IMPORT_ERRORS,
          IMPORT_ERRORS.IMPORT_ID, IMPORT_ERRORS.ORG_ID, IMPORT_ERRORS.LINE, IMPORT_ERRORS.COL, IMPORT_ERRORS.REASON);
      for (RowError error : errors) {
        insert = insert.values(id, orgId, error.line(), error.column(), error.reason());
      }
      insert.onConflictDoNothing().execute();
    }
    t.update(IMPORTS)
        .set(IMPORTS.NEXT_OFFSET, nextOffset)
        .set(IMPORTS.NEXT_LINE, nextLine)
        .set(IMPORTS.ROWS, IMPORTS.ROWS.plus(rows))
        .set(IMPORTS.IMPORTED, IMPORTS.IMPORTED.plus(imported))
        .set(IMPORTS.UPDATED, IMPORTS.UPDATED.plus(updated))
        .set(IMPORTS.FAILED, IMPORTS.FAILED.plus(failed))
        .set(IMPORTS.LONGEST_BATCH_MS,
            DSL.greatest(IMPORTS.LONGEST_BATCH_MS, DSL.val((int) ((System.nanoTime() - startedNanos) / 1_000_000))))
        .where(IMPORTS.ID.eq(id))
        .execute();
  }

  /**
   * Records the final status; an import ended already keeps its end. Ends one not started too
   * (cancelled before its workflow ran). Returns the row as it stands.
   */
  public Optional<Import> finish(String id, String status, String reason) {
    OffsetDateTime now = now();
    dsl.update(IMPORTS)
        .set(IMPORTS.STATUS, status)
        .set(IMPORTS.FAILURE_REASON, reason)
        .set(IMPORTS.FINISHED_AT, now)
        .set(IMPORTS.WORKFLOW_STARTED_AT, DSL.coalesce(IMPORTS.WORKFLOW_STARTED_AT, DSL.val(now)))
        .where(IMPORTS.ID.eq(id))
        .and(IMPORTS.STATUS.in(QUEUED, RUNNING))
        .execute();
    return byId(id);
  }

  /** Cancels an import whose workflow never started, in its row (the relay then skips it); false otherwise. */
  public boolean cancelUnstarted(String orgId, String id) {
    OffsetDateTime now = now();
    return dsl.update(IMPORTS)
            .set(IMPORTS.STATUS, "CANCELLED")
            .set(IMPORTS.FINISHED_AT, now)
            .set(IMPORTS.WORKFLOW_STARTED_AT, now)
            .where(IMPORTS.ORG_ID.eq(orgId))
            .and(IMPORTS.ID.eq(id))
            .and(IMPORTS.STATUS.eq(QUEUED))
            .and(IMPORTS.WORKFLOW_STARTED_AT.isNull())
            .execute()
        == 1;
  }

  /** Up to {@code limit} of the import's row errors after line {@code afterLine}, in line order. */
  public List<RowError> errors(String id, int afterLine, int limit) {
    return dsl.select(IMPORT_ERRORS.LINE, IMPORT_ERRORS.COL, IMPORT_ERRORS.REASON)
        .from(IMPORT_ERRORS)
        .where(IMPORT_ERRORS.IMPORT_ID.eq(id)).and(IMPORT_ERRORS.LINE.gt(afterLine))
        .orderBy(IMPORT_ERRORS.LINE)
        .limit(limit)
        .fetch(r -> new RowError(r.value1(), r.value2(), r.value3()));
  }

  static Import view(ImportsRecord r) {
    return new Import(r.getId(), r.getOrgId(), r.getKind(), r.getStatus(), r.getFileName(), r.getSizeBytes(),
        r.getSha256(), List.of(r.getColumns()), r.getStorageKey(), r.getNextOffset(), r.getNextLine(), r.getRows(),
        r.getImported(), r.getUpdated(), r.getFailed(), r.getFailureReason(), r.getCreatedAt().toInstant(),
        r.getFinishedAt() == null ? null : r.getFinishedAt().toInstant());
  }

  private OffsetDateTime now() {
    return OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
  }
}
