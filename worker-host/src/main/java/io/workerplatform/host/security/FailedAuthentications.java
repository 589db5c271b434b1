package io.workerplatform.host.security;

import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.ratelimiter.internal.AtomicRateLimiter;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Wrong tokens per client address (bearer tokens and console sign-ins alike): {@code perMinute}
 * in each minute, then the address's requests answer 429 with {@code Retry-After} until the
 * minute ends, without a look at the token (so guessing costs the database nothing either).
 * Counted in {@code platform.api.authentication.failures} ({@code throttled} true or false).
 */
final class FailedAuthentications {
  /** More addresses than this in one minute forgets them all rather than growing the map. */
  private static final int MAX_ADDRESSES = 100_000;

  private final RateLimiterConfig config;
  private final Map<String, AtomicRateLimiter> byAddress = new ConcurrentHashMap<>();
  private final Counter failed;
  private final Counter throttled;

  FailedAuthentications(int perMinute, MeterRegistry registry) {
    this.config = RateLimiterConfig.custom()
        .limitForPeriod(perMinute)
        .limitRefreshPeriod(Duration.ofMinutes(1))
        .timeoutDuration(Duration.ZERO)
        .build();
    this.failed = Counter.builder("platform.api.authentication.failures").tag("throttled", "false")
        .description("wrong tokens presented (API or console sign-in)").register(registry);
    this.throttled = Counter.builder("platform.api.authentication.failures").tag("throttled", "true")
        .description("requests refused 429 because their address presented too many wrong tokens").register(registry);
  }

  /** 0 when the address may present a token, otherwise nanoseconds until it may again. */
  long blockedFor(String address) {
    AtomicRateLimiter limiter = byAddress.get(address);
    if (limiter == null || limiter.getMetrics().getAvailablePermissions() > 0) {
      return 0;
    }
    throttled.increment();
    return Math.max(1, limiter.getDetailedMetrics().getNanosToWait());
  }

  /** The address presented a wrong token. */
  void failed(String address) {
    failed.increment();
    if (byAddress.size() >= MAX_ADDRESSES) {
      byAddress.clear();
    }
    byAddress.computeIfAbsent(address, a -> new AtomicRateLimiter("failed-authentications", config)).acquirePermission();
  }

  static long retryAfterSeconds(long nanos) {
    return Math.max(1, (nanos + 999_999_999L) / 1_000_000_000L);
  }
}
