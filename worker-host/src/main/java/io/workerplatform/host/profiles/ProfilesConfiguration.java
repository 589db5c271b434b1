package io.workerplatform.host.profiles;

import io.workerplatform.profiles.ProfilePersonalData;
import io.workerplatform.profiles.ProfileRetention;
import io.workerplatform.profiles.ProfileStore;
import java.time.Clock;
import org.jooq.DSLContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The KYC profiles capability: its store, its export section and its retention category. */
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

  /** Deleted profiles past the organization's retention are deleted for good by the anonymizer. */
  @Bean
  ProfileRetention profileRetention(DSLContext dsl) {
    return new ProfileRetention(dsl);
  }
}
