package io.workerplatform.host.work;

import io.workerplatform.work.WorkViews;
import org.jooq.DSLContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class WorkConfiguration {
  @Bean
  WorkViews workViews(DSLContext dsl) {
    return new WorkViews(dsl);
  }
}
