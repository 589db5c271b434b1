package io.workerplatform.bulksend;

/**
 * The workflow's input: {@code {"bulkSendId":"..."}} to start; a continued run also carries where
 * the previous run stopped.
 */
public record BulkSendInput(String bulkSendId, Carry carry) {

  public static BulkSendInput start(String bulkSendId) {
    return new BulkSendInput(bulkSendId, null);
  }

  /**
   * What one run hands to the next.
   *
   * @param cursor the contact id every recipient up to which (inclusive) has been sent
   * @param run the number of this run, from 1
   */
  public record Carry(BulkSendPlan plan, String cursor, Counters counters, boolean paused, int run) {}
}
