package io.workerplatform.host.relay;

import io.workerplatform.outbox.Outbox;
import java.time.Clock;
import org.jooq.DSLContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class RelayConfiguration {
  /** Reads and marks every capability's outbox table. */
  @Bean
  Outbox outbox(DSLContext dsl, Clock clock) {
    return new Outbox(dsl, clock);
  }
}
