package io.workerplatform.webhooks;

import java.time.Duration;
import java.util.List;

/**
 * How outbound webhook requests behave.
 *
 * @param allowPrivateAddresses send to loopback and private addresses too (development only: it
 *     turns the SSRF guard off)
 * @param disableAfterConsecutiveFailures failed attempts in a row after which a subscription is
 *     disabled
 * @param allowedHosts host names reached even on private addresses (a developer's receiver)
 * @param allowHttp plain http accepted where private addresses are refused
 */
public record WebhookSettings(
    Duration connectTimeout,
    Duration requestTimeout,
    boolean allowPrivateAddresses,
    int disableAfterConsecutiveFailures,
    int responseExcerptBytes,
    List<String> allowedHosts,
    boolean allowHttp) {

  public WebhookSettings {
    allowedHosts = List.copyOf(allowedHosts);
  }

  /** No allowed hosts, https only where private addresses are refused. */
  public WebhookSettings(
      Duration connectTimeout, Duration requestTimeout, boolean allowPrivateAddresses,
      int disableAfterConsecutiveFailures, int responseExcerptBytes) {
    this(connectTimeout, requestTimeout, allowPrivateAddresses, disableAfterConsecutiveFailures, responseExcerptBytes,
        List.of(), false);
  }

  public static WebhookSettings defaults() {
    return new WebhookSettings(Duration.ofSeconds(5), Duration.ofSeconds(15), false, 25, 1024);
  }

  public WebhookSettings withAllowPrivateAddresses(boolean allow) {
    return new WebhookSettings(
        connectTimeout, requestTimeout, allow, disableAfterConsecutiveFailures, responseExcerptBytes, allowedHosts,
        allowHttp);
  }

  public WebhookSettings withAllowedHosts(List<String> hosts, boolean http) {
    return new WebhookSettings(
        connectTimeout, requestTimeout, allowPrivateAddresses, disableAfterConsecutiveFailures, responseExcerptBytes,
        hosts, http);
  }
}
