package io.workerplatform.host.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import org.springframework.beans.factory.ObjectProvider;
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
      MeterRegistry registry, ObjectProvider<ObservationRegistry> observations, MetricsProperties properties) {
    return new PlatformMetrics(
        registry, observations.getIfAvailable(() -> ObservationRegistry.NOOP), properties.organizationTags());
  }

  @Bean
  CronLastSuccess cronLastSuccess(CronRunStore runs, CronProperties cron) {
    return new CronLastSuccess(runs, cron.jobs().keySet(), System::nanoTime);
  }
}
