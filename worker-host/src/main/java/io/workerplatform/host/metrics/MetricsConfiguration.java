package io.workerplatform.host.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import io.workerplatform.common.PlatformMetrics;
import io.workerplatform.cron.CronRunStore;
import io.workerplatform.host.cron.CronProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The platform's meters, in the registry the actuator serves at {@code /actuator/prometheus}. */
@Configuration(proxyBeanMethods = false)
class MetricsConfiguration {

  @Bean
  PlatformMetrics platformMetrics(
      MeterRegistry registry, ObjectProvider<ObservationRegistry> observations, MetricsProperties properties,
      @Value("${management.tracing.enabled:false}") boolean tracing) {
    // The outgoing calls are observed to be spans of their trace; without traces, not at all (an
    // observation per attempt costs the webhook path CPU and would only repeat the attempt timer).
    ObservationRegistry registryOfCalls =
        tracing ? observations.getIfAvailable(() -> ObservationRegistry.NOOP) : ObservationRegistry.NOOP;
    return new PlatformMetrics(registry, registryOfCalls, properties.organizationTags());
  }

  @Bean
  CronLastSuccess cronLastSuccess(CronRunStore runs, CronProperties cron) {
    return new CronLastSuccess(runs, cron.jobs().keySet(), System::nanoTime);
  }
}
