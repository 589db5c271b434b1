package io.workerplatform.imports;

import static io.workerplatform.db.Tables.IMPORTS;
import static io.workerplatform.work.WorkKind.instant;

import io.workerplatform.work.Phases;
import io.workerplatform.work.WorkKind;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;

/** Imports as work: the list at {@code imports}, the stats' {@code imports}, a console card. */
public final class ImportWork {
  private ImportWork() {}

  /** An import as lists show it (its committed counters; {@code GET .../imports/{id}} is live). */
  public record Import(
      String id, String kind, String status, String fileName, long sizeBytes, int rows, int imported, int updated,
      int failed, String failureReason, Instant createdAt, Instant finishedAt, String workflowId) {}

  public static final WorkKind<Import> KIND = new WorkKind<>(
      "imports",
      "imports",
      "Imports",
      80,
      IMPORTS,
      IMPORTS.ID,
      IMPORTS.ORG_ID,
      IMPORTS.STATUS,
      IMPORTS.CREATED_AT,
      List.of(ImportStore.QUEUED, ImportStore.RUNNING, "COMPLETED", "CANCELLED", "FAILED"),
      Function.identity(),
      r -> new Import(
          r.get(IMPORTS.ID), r.get(IMPORTS.KIND), r.get(IMPORTS.STATUS), r.get(IMPORTS.FILE_NAME), r.get(IMPORTS.SIZE_BYTES),
          r.get(IMPORTS.ROWS), r.get(IMPORTS.IMPORTED), r.get(IMPORTS.UPDATED), r.get(IMPORTS.FAILED),
          r.get(IMPORTS.FAILURE_REASON), instant(r.get(IMPORTS.CREATED_AT)), instant(r.get(IMPORTS.FINISHED_AT)),
          ImportWorkflow.workflowId(r.get(IMPORTS.ID))),
      new Phases(
          IMPORTS.FINISHED_AT, List.of(ImportStore.QUEUED), List.of(ImportStore.RUNNING), List.of("COMPLETED"),
          List.of("FAILED")));
}
