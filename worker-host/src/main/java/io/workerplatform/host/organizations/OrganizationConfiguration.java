package io.workerplatform.host.organizations;

import io.workerplatform.organizations.OrganizationPersonalData;
import io.workerplatform.organizations.OrganizationStore;
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
