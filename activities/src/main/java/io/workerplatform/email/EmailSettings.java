package io.workerplatform.email;

/**
 * How the email capability sends.
 *
 * @param from the sender address (verified in SES)
 * @param allowList who may receive mail outside production
 * @param rate sends per second or minute of all hosts together ({@link SharedRate})
 * @param configurationSet the SES configuration set whose events feed the suppression list, or
 *     null
 */
public record EmailSettings(
    String from, AllowList allowList, SharedRate.Rate rate, String configurationSet) {

  public EmailSettings {
    if (from == null || from.indexOf('@') < 1) {
      throw new IllegalArgumentException("platform.email.from must be an email address");
    }
    if (rate == null) {
      throw new IllegalArgumentException("platform.email.rate is required");
    }
  }

  /** Settings with a rate of {@code maxPerSecond} sends per second. */
  public EmailSettings(String from, AllowList allowList, int maxPerSecond, String configurationSet) {
    this(from, allowList, perSecond(maxPerSecond), configurationSet);
  }

  private static SharedRate.Rate perSecond(int maxPerSecond) {
    if (maxPerSecond < 1) {
      throw new IllegalArgumentException("platform.email.max-per-second must be at least 1");
    }
    return SharedRate.Rate.perSecond(maxPerSecond);
  }
}
