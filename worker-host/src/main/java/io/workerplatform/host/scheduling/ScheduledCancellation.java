package io.workerplatform.host.scheduling;

/**
 * How a capability cancels one of its scheduled actions ({@code DELETE
 * /api/orgs/{orgId}/scheduled-actions/{kind}:{id}}): the same as cancelling it where it lives.
 * Registered as a bean, one per {@link io.workerplatform.scheduling.ScheduledKind}.
 */
public interface ScheduledCancellation {
  /** The result of a cancellation the route answers with. */
  enum Outcome {
    /** Cancelled (204). */
    CANCELLED,
    /** Its workflow ends it cancelled (202). */
    CANCELLING,
    /** It was not waiting after all (404). */
    NOT_FOUND
  }

  /** The {@link io.workerplatform.scheduling.ScheduledKind#kind()} it cancels. */
  String kind();

  Outcome cancelScheduled(String orgId, String entityId);
}
