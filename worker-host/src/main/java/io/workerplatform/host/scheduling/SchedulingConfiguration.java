package io.workerplatform.host.scheduling;

import io.workerplatform.scheduling.ScheduledActions;
import io.workerplatform.scheduling.ScheduledKind;
import java.util.List;
import org.jooq.DSLContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class SchedulingConfiguration {
  /** Over every capability's registered {@link ScheduledKind}. */
  @Bean
  ScheduledActions scheduledActions(DSLContext dsl, List<ScheduledKind> kinds) {
    return new ScheduledActions(dsl, kinds);
  }
}
