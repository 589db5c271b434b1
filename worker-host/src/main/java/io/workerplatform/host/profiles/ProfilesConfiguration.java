package io.workerplatform.host.profiles;

import io.workerplatform.profiles.ProfilePersonalData;
import io.workerplatform.profiles.ProfileStore;
import java.time.Clock;
import org.jooq.DSLContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The KYC profiles capability: its store and its export section. */
@Configuration(proxyBeanMethods = false)
class ProfilesConfiguration {
  @Bean
  ProfileStore profileStore(DSLContext dsl, Clock clock) {
    return new ProfileStore(dsl, clock);
  }

  @Bean
  ProfilePersonalData profilePersonalData() {
    return new ProfilePersonalData();
  }
}
