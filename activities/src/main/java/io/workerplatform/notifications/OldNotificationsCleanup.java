package io.workerplatform.notifications;

import io.workerplatform.cron.Batches;
import io.workerplatform.cron.CronInputs;
import io.workerplatform.cron.CronJob;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;

/**
 * Cron job {@code old-notifications}: deletes notifications done with (read, or never in the
 * in-app list) older than {@code retentionDays} ({@code platform.notifications.retention-days},
 * 90), and any older than a year, unread ones included, in batches of {@code batchSize} (1,000).
 */
public class OldNotificationsCleanup implements CronJob {
  public static final String NAME = "old-notifications";
  static final int UNREAD_DAYS = 365;

  private final NotificationStore notifications;
  private final int retentionDays;

  public OldNotificationsCleanup(NotificationStore notifications, int retentionDays) {
    if (retentionDays < 1) {
      throw new IllegalArgumentException("retention days must be at least 1");
    }
    this.notifications = notifications;
    this.retentionDays = retentionDays;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Map<String, Long> run(Map<String, String> input, Instant now, Runnable heartbeat) {
    int batch = CronInputs.positiveInt(input, "batchSize", 1_000);
    OffsetDateTime at = now.atOffset(ZoneOffset.UTC);
    long deleted =
        Batches.untilShort(
            batch, heartbeat, () -> notifications.deleteOld(at.minusDays(retentionDays), at.minusDays(UNREAD_DAYS), batch));
    return Map.of("deleted", deleted);
  }
}
