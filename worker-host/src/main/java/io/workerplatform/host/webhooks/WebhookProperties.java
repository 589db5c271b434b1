package io.workerplatform.host.webhooks;

import io.workerplatform.webhooks.WebhookSettings;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code platform.webhooks.*}.
 *
 * @param connectTimeout how long an attempt waits for the receiver's connection
 * @param requestTimeout how long one attempt may take in all: connect, send and read
 * @param disableAfterConsecutiveFailures failed attempts in a row after which a subscription is
 *     disabled
 * @param responseExcerptBytes how much of a receiver's answer an attempt row keeps
 * @param allowPrivateAddresses lets webhooks reach loopback and private addresses (turns the SSRF
 *     guard off); embedded mode defaults it to true, remote mode to false
 * @param maxConcurrentAttempts attempts one process runs at once (virtual threads: they wait on
 *     the network)
 * @param secretRotationOverlap how long after a secret rotation requests still carry a signature
 *     with the previous secret too
 * @param retryDelays the waits before attempts 2, 3, ... of a delivery, for tests and development
 *     (empty, the default: 1 min, 5 min, 30 min, 6 h); each delivery keeps the schedule it started
 *     with
 * @param bulkActionRate deliveries a bulk action (redeliver-failed, cancel-waiting) redelivers or
 *     cancels per second at most
 * @param allowedHosts host names webhooks reach even on private addresses, the SSRF guard staying
 *     on for every other host (a receiver a developer runs next to the development stack)
 * @param allowHttp accepts plain http URLs where private addresses are refused (default: https
 *     only)
 */
@ConfigurationProperties("platform.webhooks")
public record WebhookProperties(
    @DefaultValue("5s") Duration connectTimeout,
    @DefaultValue("15s") Duration requestTimeout,
    @DefaultValue("false") boolean allowPrivateAddresses,
    @DefaultValue("25") int disableAfterConsecutiveFailures,
    @DefaultValue("1024") int responseExcerptBytes,
    @DefaultValue("200") int maxConcurrentAttempts,
    @DefaultValue("24h") Duration secretRotationOverlap,
    @DefaultValue List<Duration> retryDelays,
    @DefaultValue("20") double bulkActionRate,
    @DefaultValue List<String> allowedHosts,
    @DefaultValue("false") boolean allowHttp) {

  WebhookSettings settings() {
    return new WebhookSettings(
        connectTimeout,
        requestTimeout,
        allowPrivateAddresses,
        disableAfterConsecutiveFailures,
        responseExcerptBytes,
        allowedHosts,
        allowHttp);
  }
}
