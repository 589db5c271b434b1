package io.workerplatform.sap;

import static io.workerplatform.db.Tables.SAP_SYNC_RUNS;
import static io.workerplatform.work.WorkKind.instant;

import io.workerplatform.work.Phases;
import io.workerplatform.work.WorkKind;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;

/** SAP sync runs as work: the stats' {@code sapSyncRuns} and a console list at {@code sap-sync-runs}. */
public final class SapWork {
  private SapWork() {}

  /** A sync run as the list shows it. */
  public record SyncRun(
      String id, String status, int created, int updated, int failed, String error, Instant createdAt,
      Instant finishedAt, String workflowId) {}

  public static final WorkKind<SyncRun> KIND = new WorkKind<>(
      "sapSyncRuns",
      "sap-sync-runs",
      "SAP sync runs",
      95,
      SAP_SYNC_RUNS,
      SAP_SYNC_RUNS.ID,
      SAP_SYNC_RUNS.ORG_ID,
      SAP_SYNC_RUNS.STATUS,
      SAP_SYNC_RUNS.STARTED_AT,
      List.of(SapStore.RUNNING, SapStore.COMPLETED, SapStore.FAILED),
      Function.identity(),
      r -> new SyncRun(
          r.get(SAP_SYNC_RUNS.ID), r.get(SAP_SYNC_RUNS.STATUS), r.get(SAP_SYNC_RUNS.CREATED),
          r.get(SAP_SYNC_RUNS.UPDATED), r.get(SAP_SYNC_RUNS.FAILED), r.get(SAP_SYNC_RUNS.ERROR),
          instant(r.get(SAP_SYNC_RUNS.STARTED_AT)), instant(r.get(SAP_SYNC_RUNS.FINISHED_AT)),
          SapSyncWorkflow.workflowId(r.get(SAP_SYNC_RUNS.ORG_ID))),
      new Phases(
          SAP_SYNC_RUNS.FINISHED_AT, List.of(), List.of(SapStore.RUNNING), List.of(SapStore.COMPLETED),
          List.of(SapStore.FAILED)));
}
