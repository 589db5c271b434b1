package io.workerplatform.screening;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

@ActivityInterface
public interface ProfileSearchActivities {
  /** The failure type of a batch whose provider refused the organization's key (not retried). */
  String UNAUTHORIZED = "ScreeningUnauthorized";

  /** Marks the screening running and returns its plan. */
  @ActivityMethod
  SearchPlan prepare(String screeningId);

  /**
   * Screens up to {@code batchSize} of the screening's profiles not screened yet, each once (its
   * result is written with the profile's mark), paced to the organization's provider rate and
   * heartbeating after each; a cancelled batch stops before its next profile. Returns what it
   * screened; {@link SearchCounters#ZERO} when none was left.
   */
  @ActivityMethod
  SearchCounters screenBatch(BatchRequest request);

  /** Records the final status; returns the counters as the stored results have them. */
  @ActivityMethod
  SearchCounters finish(FinishRequest request);

  record BatchRequest(String screeningId, int batchSize) {}

  /** {@code reason}: why it failed (a failure type), else null. */
  record FinishRequest(String screeningId, String status, String reason) {}
}
