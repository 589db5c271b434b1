package io.workerplatform.compliance;

import static io.workerplatform.db.Tables.COMPLIANCE_RUNS;
import static io.workerplatform.work.WorkKind.instant;

import io.workerplatform.cron.CronJobWorkflow;
import io.workerplatform.work.Phases;
import io.workerplatform.work.WorkKind;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;

/**
 * Compliance runs as work: the stats' {@code complianceRuns} and a console list at
 * {@code compliance-runs}; {@code GET .../compliance/history} is the API's list.
 */
public final class ComplianceWork {
  private ComplianceWork() {}

  /** A run as the list shows it: a nightly run is part of the cron job's workflow. */
  public record RunItem(
      String id, String trigger, String status, Integer score, String level, String failureReason, Instant createdAt,
      Instant computedAt, String workflowId) {}

  public static final WorkKind<RunItem> KIND = new WorkKind<>(
      "complianceRuns",
      "compliance-runs",
      "Compliance runs",
      85,
      COMPLIANCE_RUNS,
      COMPLIANCE_RUNS.ID,
      COMPLIANCE_RUNS.ORG_ID,
      COMPLIANCE_RUNS.STATUS,
      COMPLIANCE_RUNS.CREATED_AT,
      List.of(ComplianceStore.RUNNING, ComplianceStore.COMPLETED, ComplianceStore.FAILED),
      Function.identity(),
      r -> new RunItem(
          r.get(COMPLIANCE_RUNS.ID), r.get(COMPLIANCE_RUNS.TRIGGER), r.get(COMPLIANCE_RUNS.STATUS),
          r.get(COMPLIANCE_RUNS.SCORE), r.get(COMPLIANCE_RUNS.LEVEL), r.get(COMPLIANCE_RUNS.FAILURE_REASON),
          instant(r.get(COMPLIANCE_RUNS.CREATED_AT)), instant(r.get(COMPLIANCE_RUNS.COMPUTED_AT)),
          "MANUAL".equals(r.get(COMPLIANCE_RUNS.TRIGGER))
              ? ComplianceRefreshWorkflow.workflowId(r.get(COMPLIANCE_RUNS.ID))
              : CronJobWorkflow.workflowId(ComplianceRefreshJob.NAME)),
      new Phases(
          COMPLIANCE_RUNS.COMPUTED_AT, List.of(), List.of(ComplianceStore.RUNNING), List.of(ComplianceStore.COMPLETED),
          List.of(ComplianceStore.FAILED)));
}
