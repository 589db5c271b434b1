package io.workerplatform.notifications;

import static io.workerplatform.db.Tables.NOTIFICATIONS;

import io.workerplatform.email.EmailService;
import io.workerplatform.email.TemplateData;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.jooq.DSLContext;

/**
 * What notifications add to emails: a member's digest ({@code member-digest}, context {@code
 * window}: the digest window's start) lists the notifications that window took, oldest first, as
 * {@code notifications} (title, eventType, at) and {@code notificationCount}.
 */
public class DigestTemplateData implements TemplateData {
  private final DSLContext dsl;

  public DigestTemplateData(DSLContext dsl) {
    this.dsl = dsl;
  }

  @Override
  public Part prepare(String orgId, String template, Map<String, String> context) {
    if (!EmailService.MEMBER_DIGEST.equals(template)) {
      return Part.none();
    }
    return Part.adding((recipient, data) -> {
      if (recipient.memberId() != null) {
        List<Map<String, String>> lines = lines(recipient.memberId(), context.get("window"));
        data.put("notifications", lines);
        data.put("notificationCount", lines.size());
      }
    });
  }

  private List<Map<String, String>> lines(String memberId, String window) {
    Instant start;
    try {
      start = Instant.parse(window);
    } catch (RuntimeException notAWindow) { // null or not an instant: nothing of this member's
      return List.of();
    }
    return dsl.select(NOTIFICATIONS.TITLE, NOTIFICATIONS.EVENT_TYPE, NOTIFICATIONS.CREATED_AT)
        .from(NOTIFICATIONS)
        .where(NOTIFICATIONS.MEMBER_ID.eq(memberId))
        .and(NOTIFICATIONS.DIGEST_WINDOW.eq(start.atOffset(ZoneOffset.UTC)))
        .orderBy(NOTIFICATIONS.CREATED_AT, NOTIFICATIONS.ID)
        .fetch(r -> Map.of(
            "title", r.value1(), "eventType", r.value2(), "at", r.value3().toInstant().toString()));
  }
}
