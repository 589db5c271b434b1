package io.workerplatform.notifications;

import static io.workerplatform.db.Tables.MEMBER_NOTIFICATION_PREFERENCES;
import static io.workerplatform.db.Tables.NOTIFICATIONS;

import io.workerplatform.personaldata.ExportSections;
import io.workerplatform.personaldata.PersonalData;
import java.io.IOException;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jooq.Condition;
import org.jooq.DSLContext;

/** A member's notification choices and notifications: deleted with it, exported with it. */
public final class NotificationPersonalData implements PersonalData {

  @Override
  public int order() {
    return 35;
  }

  @Override
  public Map<String, Long> eraseMember(DSLContext t, String orgId, String memberId, OffsetDateTime now) {
    Map<String, Long> counts = new LinkedHashMap<>();
    counts.put("notification-preferences", (long) t.deleteFrom(MEMBER_NOTIFICATION_PREFERENCES)
        .where(MEMBER_NOTIFICATION_PREFERENCES.MEMBER_ID.eq(memberId)).and(MEMBER_NOTIFICATION_PREFERENCES.ORG_ID.eq(orgId))
        .execute());
    counts.put("notifications", (long) t.deleteFrom(NOTIFICATIONS)
        .where(NOTIFICATIONS.MEMBER_ID.eq(memberId)).and(NOTIFICATIONS.ORG_ID.eq(orgId))
        .execute());
    return counts;
  }

  @Override
  public void exportOrganization(ExportSections out, String orgId) throws IOException {
    rows(out, MEMBER_NOTIFICATION_PREFERENCES.ORG_ID.eq(orgId), NOTIFICATIONS.ORG_ID.eq(orgId));
  }

  @Override
  public void exportMember(ExportSections out, String orgId, String memberId) throws IOException {
    rows(out, MEMBER_NOTIFICATION_PREFERENCES.MEMBER_ID.eq(memberId).and(MEMBER_NOTIFICATION_PREFERENCES.ORG_ID.eq(orgId)),
        NOTIFICATIONS.MEMBER_ID.eq(memberId).and(NOTIFICATIONS.ORG_ID.eq(orgId)));
  }

  private static void rows(ExportSections out, Condition choices, Condition notifications) throws IOException {
    out.rows("notification_preferences.json", out.dsl().selectFrom(MEMBER_NOTIFICATION_PREFERENCES).where(choices)
        .orderBy(MEMBER_NOTIFICATION_PREFERENCES.MEMBER_ID, MEMBER_NOTIFICATION_PREFERENCES.EVENT_TYPE));
    out.rows("notifications.json", out.dsl().selectFrom(NOTIFICATIONS).where(notifications)
        .orderBy(NOTIFICATIONS.CREATED_AT, NOTIFICATIONS.ID));
  }
}
