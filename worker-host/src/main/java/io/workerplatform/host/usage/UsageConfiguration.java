package io.workerplatform.host.usage;

import io.workerplatform.usage.UsageReport;
import io.workerplatform.usage.OrganizationLimitsJob;
import io.workerplatform.usage.UsageStore;
import java.time.Clock;
import org.jooq.DSLContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class UsageConfiguration {
  @Bean
  UsageStore usageStore(DSLContext dsl, Clock clock) {
    return new UsageStore(dsl, clock);
  }

  /** Cron job {@code organization-limits}. */
  @Bean
  OrganizationLimitsJob organizationLimitsJob(UsageStore usage) {
    return new OrganizationLimitsJob(usage);
  }

  /** Report kind {@code usage}. */
  @Bean
  UsageReport usageReport() {
    return new UsageReport();
  }
}
