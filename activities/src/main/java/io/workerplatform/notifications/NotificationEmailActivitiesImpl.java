package io.workerplatform.notifications;

import io.temporal.activity.Activity;
import io.temporal.activity.ActivityExecutionContext;
import io.workerplatform.common.ConnectionWait;
import io.workerplatform.common.InvalidInput;
import io.workerplatform.email.EmailService;
import io.workerplatform.email.SendEmailRequest;
import io.workerplatform.email.SendEmailResult;
import java.util.HashMap;
import java.util.List;
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
  private final Map<String, String> templates;

  public NotificationEmailActivitiesImpl(NotificationStore notifications, EmailService emails) {
    this(notifications, emails, List.of());
  }

  /** {@code named}: the capabilities that choose their notifications' email template. */
  public NotificationEmailActivitiesImpl(
      NotificationStore notifications, EmailService emails, List<NotificationRecipients> named) {
    this.notifications = notifications;
    this.emails = emails;
    Map<String, String> byType = new HashMap<>();
    named.forEach(n -> n.eventTypes().forEach(type -> n.emailTemplate(type).ifPresent(t -> byType.put(type, t))));
    this.templates = Map.copyOf(byType);
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
                  dedupeKey(eventRowId, pending.memberId()), pending.memberId(),
                  templates.getOrDefault(pending.eventType(), NotificationsEventHandler.TEMPLATE), context(pending)),
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

  private static Map<String, String> context(NotificationStore.PendingEmail pending) {
    Map<String, String> context = new HashMap<>(
        Map.of("title", pending.title(), "eventType", pending.eventType(), "eventId", pending.eventId()));
    if (pending.entityId() != null) {
      context.put("entityId", pending.entityId());
    }
    return context;
  }

  /** The email's key: the same as when the handler sent it itself, so no email is sent twice across the change. */
  static String dedupeKey(String eventRowId, String memberId) {
    return "notification/" + eventRowId + "/" + memberId + "/EMAIL";
  }
}
