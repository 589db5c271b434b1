package io.workerplatform.host.members;

import io.workerplatform.members.MemberStore;
import java.time.Clock;
import org.jooq.DSLContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class MembersConfiguration {
  @Bean
  MemberStore memberStore(DSLContext dsl, Clock clock) {
    return new MemberStore(dsl, clock);
  }
}
