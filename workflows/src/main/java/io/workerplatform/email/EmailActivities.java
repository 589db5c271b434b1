package io.workerplatform.email;

import io.workerplatform.common.TaskQueues;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

@ActivityInterface
public interface EmailActivities {
  String TASK_QUEUE = TaskQueues.EMAIL;

  /**
   * Sends one templated email to a contact, once per dedupe key: a key already decided (sent,
   * suppressed, skipped, failed) returns that decision without calling SES. Loads the address and
   * the template's data from PostgreSQL, so the history holds ids only. Throttling and SES server
   * errors fail retryably; a rejected message, an invalid address or an unknown template fail
   * non-retryably with the reason recorded on the message.
   */
  @ActivityMethod
  SendEmailResult send(SendEmailRequest request);
}
