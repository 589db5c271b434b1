package io.workerplatform.host.queues;

import io.workerplatform.queues.QueuePauseStore;
import java.time.Clock;
import org.jooq.DSLContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class QueuesConfiguration {
  @Bean
  QueuePauseStore queuePauseStore(DSLContext dsl, Clock clock) {
    return new QueuePauseStore(dsl, clock);
  }
}
