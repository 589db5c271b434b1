package io.workerplatform.host.org;

import io.workerplatform.org.OrganizationPersonalData;
import io.workerplatform.org.OrganizationStore;
import java.time.Clock;
import org.jooq.DSLContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class OrganizationConfiguration {
  @Bean
  OrganizationStore organizationStore(DSLContext dsl, Clock clock) {
    return new OrganizationStore(dsl, clock);
  }

  @Bean
  OrganizationPersonalData organizationPersonalData() {
    return new OrganizationPersonalData();
  }
}
