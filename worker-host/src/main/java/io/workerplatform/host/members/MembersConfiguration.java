package io.workerplatform.host.members;

import io.workerplatform.members.MemberErasure;
import io.workerplatform.members.MemberPersonalData;
import io.workerplatform.members.MemberRetention;
import io.workerplatform.personaldata.PersonalDataRegistry;
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

  @Bean
  MemberErasure memberErasure(DSLContext dsl, PersonalDataRegistry personalData, Clock clock) {
    return new MemberErasure(dsl, personalData, clock);
  }

  @Bean
  MemberPersonalData memberPersonalData() {
    return new MemberPersonalData();
  }

  @Bean
  MemberRetention memberRetention(DSLContext dsl) {
    return new MemberRetention(dsl);
  }
}
