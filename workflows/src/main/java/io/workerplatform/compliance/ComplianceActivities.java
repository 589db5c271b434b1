package io.workerplatform.compliance;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

@ActivityInterface
public interface ComplianceActivities {
  String TASK_QUEUE = "compliance";

  /** One refresh of one organization, by reference: its result's ids, score and level. */
  record ComplianceRun(String orgId, String runId) {}

  record ComplianceOutcome(String runId, String status, Integer score, String level) {}

  /**
   * Computes the organization's score into its run (idempotent: a run computed already is
   * answered as stored) and publishes {@code compliance.level.changed} when its level worsened.
   * An unknown run fails non-retryably.
   */
  @ActivityMethod
  ComplianceOutcome refresh(ComplianceRun run);

  /** Ends a run that could not be computed (its retries spent): {@code FAILED} with the reason. */
  @ActivityMethod
  ComplianceOutcome fail(ComplianceRun run, String reason);
}
