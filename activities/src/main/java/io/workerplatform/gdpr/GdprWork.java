package io.workerplatform.gdpr;

import static io.workerplatform.db.Tables.ERASURES;
import static io.workerplatform.db.Tables.EXPORTS;
import static io.workerplatform.work.WorkKind.instant;

import io.workerplatform.work.Phases;
import io.workerplatform.work.WorkKind;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;

/** Exports and erasures as work: the lists at {@code exports} and {@code erasures}, and their stats. */
public final class GdprWork {
  private GdprWork() {}

  public record Export(
      String id, String contactId, String status, Long sizeBytes, String error, Instant createdAt,
      Instant completedAt, Instant expiresAt, String workflowId) {}

  public record Erasure(
      String contactId, String status, String error, Instant requestedAt, Instant finishedAt, String workflowId) {}

  public static final WorkKind<Export> EXPORTS_KIND =
      new WorkKind<>(
          "exports",
          "exports",
          "Exports",
          50,
          EXPORTS,
          EXPORTS.ID,
          EXPORTS.ORG_ID,
          EXPORTS.STATUS,
          EXPORTS.CREATED_AT,
          List.of(
              ExportResult.PENDING, ExportResult.PROCESSING, ExportResult.COMPLETED, ExportResult.FAILED,
              ExportResult.EXPIRED),
          Function.identity(),
          r ->
              new Export(
                  r.get(EXPORTS.ID),
                  r.get(EXPORTS.CONTACT_ID),
                  r.get(EXPORTS.STATUS),
                  r.get(EXPORTS.SIZE_BYTES),
                  r.get(EXPORTS.ERROR),
                  instant(r.get(EXPORTS.CREATED_AT)),
                  instant(r.get(EXPORTS.COMPLETED_AT)),
                  instant(r.get(EXPORTS.EXPIRES_AT)),
                  DataExportWorkflow.workflowId(r.get(EXPORTS.ID))),
          // an expired export completed before its file went
          new Phases(
              EXPORTS.COMPLETED_AT, List.of(ExportResult.PENDING), List.of(ExportResult.PROCESSING),
              List.of(ExportResult.COMPLETED, ExportResult.EXPIRED), List.of(ExportResult.FAILED)));

  public static final WorkKind<Erasure> ERASURES_KIND =
      new WorkKind<>(
          "erasures",
          "erasures",
          "Erasures",
          60,
          ERASURES,
          ERASURES.CONTACT_ID,
          ERASURES.ORG_ID,
          ERASURES.STATUS,
          ERASURES.REQUESTED_AT,
          List.of(ErasureResult.PENDING, ErasureResult.COMPLETED, ErasureResult.FAILED),
          Function.identity(),
          r ->
              new Erasure(
                  r.get(ERASURES.CONTACT_ID),
                  r.get(ERASURES.STATUS),
                  r.get(ERASURES.ERROR),
                  instant(r.get(ERASURES.REQUESTED_AT)),
                  instant(r.get(ERASURES.FINISHED_AT)),
                  ErasureWorkflow.workflowId(r.get(ERASURES.CONTACT_ID))),
          new Phases(
              ERASURES.FINISHED_AT, List.of(ErasureResult.PENDING), List.of(), List.of(ErasureResult.COMPLETED),
              List.of(ErasureResult.FAILED)));
}
