package io.workerplatform.notifications;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

@ActivityInterface
public interface NotificationEmailActivities {

  /**
   * The event's notifications, by reference: the platform's row id of the event (what the
   * notifications reference), so the history holds ids only.
   */
  record EventEmails(String orgId, String eventRowId) {}

  /** How the event's notification emails ended: sent, refused by SES, or skipped (suppressed, erased). */
  record EmailsSent(int sent, int failed, int skipped) {}

  /**
   * Sends every notification email of the event still {@code PENDING}, one by one through the email
   * capability (its dedupe key per notification, so a retry finds a sent one sent), heartbeating
   * while a call is in flight. A transient SES failure fails the attempt, which is retried.
   */
  @ActivityMethod
  EmailsSent sendPending(EventEmails emails);
}
