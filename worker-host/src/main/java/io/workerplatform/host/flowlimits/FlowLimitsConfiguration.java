package io.workerplatform.host.flowlimits;

import io.workerplatform.email.OrganizationRates;
import io.workerplatform.flowlimits.FlowLimitStore;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.jooq.DSLContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Per-organization flow limits: their store, and the email rate's shares read from it. */
@Configuration(proxyBeanMethods = false)
class FlowLimitsConfiguration {
  /** How long a host keeps an organization's share before reading it again. */
  static final Duration SHARE_CACHE = Duration.ofSeconds(10);

  @Bean
  FlowLimitStore flowLimitStore(DSLContext dsl, Clock clock) {
    return new FlowLimitStore(dsl, clock);
  }

  /**
   * Each organization's share of the email rate, read at most every {@link #SHARE_CACHE} per
   * organization: a send must not cost a statement more, and a change takes effect within it.
   */
  @Bean
  OrganizationRates.Shares emailRateShares(FlowLimitStore store) {
    record Read(Optional<Double> share, long at) {}
    ConcurrentMap<String, Read> read = new ConcurrentHashMap<>();
    return orgId -> {
      long now = System.nanoTime();
      Read known = read.get(orgId);
      if (known == null || now - known.at() > SHARE_CACHE.toNanos()) {
        known = new Read(store.emailRateShare(orgId), now);
        read.put(orgId, known);
      }
      return known.share();
    };
  }
}
