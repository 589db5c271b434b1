package io.workerplatform.screening;

import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * A screening (the old {@code background-check-profile-search}): screens each of its profiles
 * once with the organization's screening provider, one batch activity at a time (the batch paces
 * itself to the organization's provider rate), and continues as new before its history grows
 * large, so 100,000 profiles keep a bounded history. Pausable, resumable and cancellable.
 */
@WorkflowInterface
public interface ProfileSearchWorkflow {
  /** The KYC capabilities' queue: screenings, monitoring and adverse media. */
  String TASK_QUEUE = "screening";

  String RUNNING = "RUNNING";
  String PAUSED = "PAUSED";
  String CANCELLING = "CANCELLING";
  String COMPLETED = "COMPLETED";
  String CANCELLED = "CANCELLED";
  /** The provider refused the organization's key: its integration is marked FAILED. */
  String FAILED = "FAILED";

  static String workflowId(String screeningId) {
    return "profile-search/" + screeningId;
  }

  @WorkflowMethod
  SearchProgress run(SearchInput input);

  /** Starts no new batch until {@link #resume()}; the batch in flight finishes. */
  @SignalMethod
  void pause();

  @SignalMethod
  void resume();

  /**
   * Ends the screening {@code CANCELLED}: the batch in flight stops between two profiles once its
   * heartbeat carries the cancel (heartbeats are throttled: within the heartbeat timeout), or at its end.
   */
  @SignalMethod
  void cancel();

  @QueryMethod
  SearchProgress progress();
}
