package io.workerplatform.notifications;

import io.workerplatform.cron.CronInputs;
import io.workerplatform.cron.CronJob;
import io.workerplatform.email.EmailService;
import io.workerplatform.email.SendEmailRequest;
import io.workerplatform.email.SendEmailResult;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Cron job {@code petition-notifications}: each member's pending digest notifications become one
 * email ({@code member-digest}, in the member's locale where the template has it) per digest
 * window, the run's time rounded down to {@code windowMinutes} (default 15, the schedule's
 * interval). The window takes its notifications before the email is sent, and the email's key
 * is {@code member-digest/<member>/<window>}: a retried or repeated run sends each window's email
 * once, and a window a failed run left unsent is sent by the next run under its own key.
 */
public class MemberDigests implements CronJob {
  public static final String NAME = "petition-notifications";

  private final NotificationStore notifications;
  private final EmailService emails;

  public MemberDigests(NotificationStore notifications, EmailService emails) {
    this.notifications = notifications;
    this.emails = emails;
  }

  @Override
  public String name() {
    return NAME;
  }

  /** Input {@code windowMinutes} (15), {@code batchSize} members per batch (100). */
  @Override
  public Map<String, Long> run(Map<String, String> input, Instant now, Runnable heartbeat) {
    long windowMillis = Duration.ofMinutes(CronInputs.positiveInt(input, "windowMinutes", 15)).toMillis();
    int batchSize = CronInputs.positiveInt(input, "batchSize", 100);
    OffsetDateTime until = now.atOffset(ZoneOffset.UTC);
    OffsetDateTime window = Instant.ofEpochMilli(now.toEpochMilli() / windowMillis * windowMillis).atOffset(ZoneOffset.UTC);
    Map<String, Long> counts = new LinkedHashMap<>(Map.of("members", 0L, "emails", 0L, "notifications", 0L));
    String after = null;
    List<String> members;
    do {
      members = notifications.membersWithPendingDigests(until, after, batchSize);
      for (String memberId : members) {
        counts.merge("members", 1L, Long::sum);
        for (OffsetDateTime earlier : notifications.unsentWindows(memberId)) {
          if (!earlier.equals(window)) {
            send(memberId, earlier, counts, heartbeat);
          }
        }
        notifications.takeForWindow(memberId, window, until);
        send(memberId, window, counts, heartbeat);
        after = memberId;
      }
      heartbeat.run();
    } while (members.size() == batchSize);
    return counts;
  }

  private void send(String memberId, OffsetDateTime window, Map<String, Long> counts, Runnable heartbeat) {
    if (notifications.pendingInWindow(memberId, window) == 0) {
      return;
    }
    String start = window.toInstant().toString();
    SendEmailResult result =
        emails.send(
            SendEmailRequest.toMember(
                "member-digest/" + memberId + "/" + start, memberId, EmailService.MEMBER_DIGEST, Map.of("window", start)),
            heartbeat);
    int lines = notifications.digestDone(memberId, window, NotificationsEventHandler.channelStatus(result.state()));
    counts.merge("emails", 1L, Long::sum);
    counts.merge("notifications", (long) lines, Long::sum);
  }
}
