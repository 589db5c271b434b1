package io.workerplatform.webhook;

import java.time.Duration;

/**
 * How outbound webhook requests behave.
 *
 * @param allowPrivateAddresses send to loopback and private addresses too (development only: it
 *     turns the SSRF guard off)
 * @param disableAfterConsecutiveFailures failed attempts in a row after which a subscription is
 *     disabled
 */
public record WebhookSettings(
    Duration connectTimeout,
    Duration requestTimeout,
    boolean allowPrivateAddresses,
    int disableAfterConsecutiveFailures,
    int responseExcerptBytes) {

  public static WebhookSettings defaults() {
    return new WebhookSettings(Duration.ofSeconds(5), Duration.ofSeconds(15), false, 25, 1024);
  }

  public WebhookSettings withAllowPrivateAddresses(boolean allow) {
    return new WebhookSettings(
        connectTimeout, requestTimeout, allow, disableAfterConsecutiveFailures, responseExcerptBytes);
  }
}
