package io.workerplatform.notifications;

import io.temporal.activity.Activity;
import io.temporal.activity.ActivityExecutionContext;
import io.workerplatform.common.ConnectionWait;
import io.workerplatform.common.InvalidInput;
import io.workerplatform.email.EmailService;
import io.workerplatform.email.SendEmailRequest;
import io.workerplatform.email.SendEmailResult;
import java.util.Map;

/**
 * Sends one event's notification emails through the email capability's sending step, under the
 * key {@code notification/<event>/<member>/EMAIL}: the claim belongs to this activity attempt, the
 * step heartbeats while SES is called, and a retry finds a sent email sent. An email SES refused or
 * the capability skipped (suppressed, not on the allow-list, member gone) sets the channel {@code
 * FAILED} or {@code SKIPPED}; a transient SES failure leaves it {@code PENDING} and fails the
 * attempt, which is retried.
 */
public class NotificationEmailActivitiesImpl implements NotificationEmailActivities {
  private final NotificationStore notifications;
  private final EmailService emails;

  public NotificationEmailActivitiesImpl(NotificationStore notifications, EmailService emails) {
    this.notifications = notifications;
    this.emails = emails;
  }

  @Override
  public EmailsSent sendPending(EventEmails event) {
    String orgId = InvalidInput.requireText("orgId", event == null ? null : event.orgId());
    String eventRowId = InvalidInput.requireText("eventRowId", event.eventRowId());
    ActivityExecutionContext context = Activity.getExecutionContext();
    Runnable heartbeat = () -> context.heartbeat(null);
    return ConnectionWait.heartbeating(heartbeat, () -> sendAll(orgId, eventRowId, heartbeat));
  }

  private EmailsSent sendAll(String orgId, String eventRowId, Runnable heartbeat) {
    int sent = 0;
    int failed = 0;
    int skipped = 0;
    for (NotificationStore.PendingEmail pending : notifications.pendingEmails(orgId, eventRowId)) {
      SendEmailResult result =
          emails.send(
              SendEmailRequest.toMember(
                  dedupeKey(eventRowId, pending.memberId()), pending.memberId(), NotificationsEventHandler.TEMPLATE,
                  Map.of("title", pending.title(), "eventType", pending.eventType(), "eventId", pending.eventId())),
              heartbeat);
      String status = NotificationsEventHandler.channelStatus(result.state());
      notifications.emailDone(pending.id(), status);
      switch (status) {
        case NotificationStore.SENT -> sent++;
        case NotificationStore.FAILED -> failed++;
        default -> skipped++;
      }
      heartbeat.run();
    }
    return new EmailsSent(sent, failed, skipped);
  }

  /** The email's key: the same as when the handler sent it itself, so no email is sent twice across the change. */
  static String dedupeKey(String eventRowId, String memberId) {
    return "notification/" + eventRowId + "/" + memberId + "/EMAIL";
  }
}
