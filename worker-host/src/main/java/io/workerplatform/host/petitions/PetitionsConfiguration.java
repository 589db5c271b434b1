package io.workerplatform.host.petitions;

import io.workerplatform.petitions.PetitionStore;
import java.time.Clock;
import org.jooq.DSLContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class PetitionsConfiguration {
  @Bean
  PetitionStore petitionStore(DSLContext dsl, Clock clock) {
    return new PetitionStore(dsl, clock);
  }
}
