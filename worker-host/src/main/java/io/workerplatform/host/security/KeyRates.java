package io.workerplatform.host.security;

import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.ratelimiter.internal.AtomicRateLimiter;
import io.workerplatform.apikeys.ApiKeyStore.Rate;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Each organization key's request rate on this host: {@code burst} requests in each window of
 * {@code burst / rate} seconds (resilience4j's rate limiter: a compare-and-set per request), so
 * {@code rate} per second on average and never more than {@code burst} at once. Per host, not
 * shared: N hosts let a key through N times as fast, which the operator sizes for.
 */
final class KeyRates {
  /** More keys than this on one host resets their windows rather than growing the map. */
  private static final int MAX_KEYS = 10_000;

  private record Limit(String orgId, Rate rate, AtomicRateLimiter limiter) {}

  private final Rate defaultRate;
  private final Map<String, Limit> limits = new ConcurrentHashMap<>();

  KeyRates(Rate defaultRate) {
    this.defaultRate = defaultRate;
  }

  /** The key's organization and its rate (null: the default), as its last lookup found them. */
  void configure(String keyId, String orgId, Rate rate) {
    Rate effective = rate == null ? defaultRate : rate;
    Limit current = limits.get(keyId);
    if (current == null || !current.rate().equals(effective)) {
      if (limits.size() >= MAX_KEYS) {
        limits.clear();
      }
      limits.put(keyId, limit(orgId, effective));
    }
  }

  /** A new rate for every key of the organization this host knows (others: at their next lookup). */
  void reconfigure(String orgId, Rate rate) {
    Rate effective = rate == null ? defaultRate : rate;
    limits.replaceAll((keyId, limit) -> limit.orgId().equals(orgId) && !limit.rate().equals(effective)
        ? limit(orgId, effective) : limit);
  }

  /** Takes one request of the key's rate: 0 when it may go, otherwise nanoseconds until it may. */
  long acquire(String keyId, String orgId) {
    Limit limit = limits.computeIfAbsent(keyId, k -> limit(orgId, defaultRate));
    if (limit.limiter().acquirePermission()) {
      return 0;
    }
    return Math.max(1, limit.limiter().getDetailedMetrics().getNanosToWait());
  }

  private static Limit limit(String orgId, Rate rate) {
    Duration window = Duration.ofNanos(Math.max(1_000_000L, 1_000_000_000L * rate.burst() / rate.requestsPerSecond()));
    RateLimiterConfig config = RateLimiterConfig.custom()
        .limitForPeriod(rate.burst())
        .limitRefreshPeriod(window)
        .timeoutDuration(Duration.ZERO)
        .build();
    return new Limit(orgId, rate, new AtomicRateLimiter("api-key", config));
  }
}
