package io.workerplatform.bulksends;

import java.time.Instant;

/**
 * The workflow's input: {@code {"bulkSendId":"..."}} to start, with {@code "sendAt"} (an instant)
 * to start sending then, on a durable timer; a continued run also carries where the previous run
 * stopped.
 */
public record BulkSendInput(String bulkSendId, Carry carry, Instant sendAt) {

  public BulkSendInput(String bulkSendId, Carry carry) {
    this(bulkSendId, carry, null);
  }

  public static BulkSendInput start(String bulkSendId) {
    return new BulkSendInput(bulkSendId, null, null);
  }

  public static BulkSendInput start(String bulkSendId, Instant sendAt) {
    return new BulkSendInput(bulkSendId, null, sendAt);
  }

  /**
   * What one run hands to the next.
   *
   * @param cursor the contact id every recipient up to which (inclusive) has been sent
   * @param run the number of this run, from 1
   */
  public record Carry(BulkSendPlan plan, String cursor, Counters counters, boolean paused, int run) {}
}
