package io.workerplatform.host.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.workerplatform.common.PlatformMetrics;
import io.workerplatform.cron.CronRunStore;
import io.workerplatform.host.cron.CronProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The platform's meters, in the registry the actuator serves at {@code /actuator/prometheus}. */
@Configuration(proxyBeanMethods = false)
class MetricsConfiguration {

  @Bean
  PlatformMetrics platformMetrics(MeterRegistry registry, MetricsProperties properties) {
    return new PlatformMetrics(registry, properties.organizationTags());
  }

  @Bean
  CronLastSuccess cronLastSuccess(CronRunStore runs, CronProperties cron) {
    return new CronLastSuccess(runs, cron.jobs().keySet(), System::nanoTime);
  }
}
