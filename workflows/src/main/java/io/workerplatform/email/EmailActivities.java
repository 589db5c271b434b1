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

  /**
   * Sends an application's email request ({@code POST /api/orgs/{orgId}/emails}, the starters'
   * {@code Emails.send}) through the same step as {@link #send}: its message row holds the
   * recipient (a contact, a member or an address) and the template, its request the data. A
   * recipient that is not the organization's, or an unknown template, ends it {@code FAILED}
   * (returned, not thrown: the failure is the message's state). Unknown request: non-retryable.
   */
  @ActivityMethod
  SendEmailResult sendRequested(RequestedEmail email);

  /**
   * Ends a request whose sending gave up (its retries spent): its message, if still {@code
   * QUEUED} or {@code SENDING}, becomes {@code FAILED} with {@code reason}; a decided one stays.
   */
  @ActivityMethod
  SendEmailResult giveUp(RequestedEmail email, String reason);
}
