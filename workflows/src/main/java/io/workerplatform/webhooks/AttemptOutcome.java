package io.workerplatform.webhooks;

/**
 * What one attempt did.
 *
 * @param number the attempt's number for this delivery (1-based, across redeliveries); 0 when no
 *     request was sent
 * @param statusCode the HTTP status, null when no response arrived
 */
public record AttemptOutcome(int number, Result result, Integer statusCode) {

  public enum Result {
    /** A 2xx response. */
    DELIVERED,
    /** No 2xx response: retried on the schedule. */
    FAILED,
    /** 410 Gone: the subscription is disabled and the delivery ends. */
    GONE,
    /** The subscription was already disabled: nothing was sent. */
    SUBSCRIPTION_DISABLED,
    /** The URL resolves to an address the SSRF guard refuses: retrying will not help. */
    REFUSED,
    /** The subscription was deleted: nothing was sent, the delivery is CANCELLED. */
    CANCELLED
  }
}
