package io.workerplatform.host.idempotency;

import io.workerplatform.idempotency.IdempotencyKeysCleanup;
import io.workerplatform.idempotency.IdempotencyStore;
import java.time.Clock;
import org.jooq.DSLContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class IdempotencyConfiguration {
  @Bean
  IdempotencyStore idempotencyStore(DSLContext dsl, Clock clock) {
    return new IdempotencyStore(dsl, clock);
  }

  @Bean
  IdempotencyKeysCleanup idempotencyKeysCleanup(IdempotencyStore store, IdempotencyProperties properties) {
    return new IdempotencyKeysCleanup(store, properties.ttl());
  }
}
