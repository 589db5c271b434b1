package io.workerplatform.signatures;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Starts a signature request stored in PostgreSQL. Reminders go out every {@code
 * reminderEveryDays} days after creation (0: none); the request expires {@code expiresInDays} days
 * after it started. The provider is reminded at most once per {@code minReminderInterval} (null:
 * {@link #DEFAULT_MIN_REMINDER_INTERVAL}), however often {@code remind} is signalled. {@code carry}
 * is null when a request starts, and holds its state when a run continues as new.
 */
public record SignatureInput(
    String signatureRequestId,
    String orgId,
    int reminderEveryDays,
    int expiresInDays,
    Duration minReminderInterval,
    Carry carry) {

  public static final Duration DEFAULT_MIN_REMINDER_INTERVAL = Duration.ofHours(1);

  /** A new request with the default reminder interval. */
  public SignatureInput(String signatureRequestId, String orgId, int reminderEveryDays, int expiresInDays) {
    this(signatureRequestId, orgId, reminderEveryDays, expiresInDays, null, null);
  }

  Duration reminderInterval() {
    return minReminderInterval == null ? DEFAULT_MIN_REMINDER_INTERVAL : minReminderInterval;
  }

  /**
   * What a run hands to the next when its history grows long: the request was created at the
   * provider, {@code signers} wait or signed, and the schedule goes on from {@code startedAt}.
   */
  public record Carry(
      Instant startedAt,
      List<SignatureStatus.Signer> signers,
      int scheduledReminders,
      int remindersSent,
      Instant lastReminderAt,
      int ignoredEvents,
      int run) {}
}
