package io.workerplatform.sap;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

@ActivityInterface
public interface SapSyncActivities {
  /** SAP refused the credentials (not retried: the next sync tries again, with the settings then). */
  String UNAUTHORIZED = "SapUnauthorized";
  /** SAP answered what will not change by retrying (the URL refused by the SSRF guard, a 4xx). */
  String REFUSED = "SapRefused";

  /** Records the run under {@code runId}; a retry finds it. */
  @ActivityMethod
  void startRun(String orgId, String runId);

  /**
   * Writes the next page of partners changed since the organization's watermark and advances it,
   * in one transaction; {@code more}: a further page may follow.
   */
  @ActivityMethod
  PageResult syncPage(String orgId, String runId);

  /** Ends the run; returns its counts as stored. */
  @ActivityMethod
  SyncCounts finishRun(String runId, String status, String error);

  record PageResult(int created, int updated, int failed, boolean more) {}

  record SyncCounts(int created, int updated, int failed) {}
}
