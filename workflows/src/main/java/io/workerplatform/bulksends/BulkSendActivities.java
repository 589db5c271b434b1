package io.workerplatform.bulksends;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

@ActivityInterface
public interface BulkSendActivities {

  /** Marks the bulk send running and returns its plan. */
  @ActivityMethod
  BulkSendPlan prepare(String bulkSendId);

  /**
   * The next page of recipients after the cursor, as its last contact id and size (ids only, no
   * addresses); size 0 when none is left.
   */
  @ActivityMethod
  Page nextPage(PageRequest request);

  /**
   * Sends to the recipients in {@code (afterContactId, throughContactId]}, each once (dedupe key
   * {@code bulk-send/<id>/recipient/<contactId>}), heartbeating after each; a cancelled batch
   * stops before its next recipient.
   */
  @ActivityMethod
  Counters sendBatch(BatchRequest request);

  /** Records the final status; returns the counters as the message log has them. */
  @ActivityMethod
  Counters finish(FinishRequest request);

  record PageRequest(String bulkSendId, String afterContactId, int pageSize) {}

  record Page(String throughContactId, int size) {}

  record BatchRequest(String bulkSendId, String afterContactId, String throughContactId) {}

  record FinishRequest(String bulkSendId, String status) {}
}
