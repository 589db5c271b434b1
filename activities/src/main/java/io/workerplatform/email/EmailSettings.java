package io.workerplatform.email;

/**
 * How the email capability sends.
 *
 * @param from the sender address (verified in SES)
 * @param allowList who may receive mail outside production
 * @param maxPerSecond sends per second this process makes at most
 * @param configurationSet the SES configuration set whose events feed the suppression list, or
 *     null
 */
public record EmailSettings(
    String from, AllowList allowList, int maxPerSecond, String configurationSet) {

  public EmailSettings {
    if (from == null || from.indexOf('@') < 1) {
      throw new IllegalArgumentException("platform.email.from must be an email address");
    }
    if (maxPerSecond < 1) {
      throw new IllegalArgumentException("platform.email.max-per-second must be at least 1");
    }
  }
}
