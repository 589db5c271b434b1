package io.workerplatform.notifications;

import static io.workerplatform.db.Tables.NOTIFICATIONS;

import io.workerplatform.email.EmailDeliveries;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jooq.DSLContext;

/**
 * A notification's email channel follows its message once SES reports on it: {@code SENT} becomes
 * {@code DELIVERED}, {@code BOUNCED} or {@code COMPLAINED} (and a later, stronger report moves it
 * on). Messages are recognised by the key the notification emails are sent with.
 */
public class NotificationEmailDeliveries implements EmailDeliveries.Follower {
  private static final Pattern KEY = Pattern.compile("notification/([^/]+)/([^/]+)/EMAIL");

  @Override
  public void delivered(DSLContext t, String orgId, String dedupeKey, String delivery) {
    Matcher key = KEY.matcher(dedupeKey);
    if (!key.matches()) {
      return;
    }
    t.update(NOTIFICATIONS)
        .set(NOTIFICATIONS.EMAIL_STATUS, delivery)
        .where(NOTIFICATIONS.EVENT_REF.eq(key.group(1)))
        .and(NOTIFICATIONS.MEMBER_ID.eq(key.group(2)))
        .and(NOTIFICATIONS.ORG_ID.eq(orgId))
        .and(NOTIFICATIONS.EMAIL_STATUS.notIn(NotificationStore.PENDING, NotificationStore.SKIPPED))
        .execute();
  }
}
