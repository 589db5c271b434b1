package io.workerplatform.host.scheduling;

import io.workerplatform.scheduling.ScheduledActions;
import org.jooq.DSLContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class SchedulingConfiguration {
  @Bean
  ScheduledActions scheduledActions(DSLContext dsl) {
    return new ScheduledActions(dsl);
  }
}
