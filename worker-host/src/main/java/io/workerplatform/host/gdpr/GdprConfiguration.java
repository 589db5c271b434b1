package io.workerplatform.host.gdpr;

import io.workerplatform.files.FileStorage;
import io.workerplatform.gdpr.Anonymizer;
import java.time.Clock;
import org.jooq.DSLContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class GdprConfiguration {

  /** The cron job {@code anonymizer} (scheduled in {@code platform.cron.jobs.anonymizer}). */
  @Bean
  Anonymizer anonymizer(DSLContext dsl, FileStorage storage, Clock clock, GdprProperties properties) {
    return new Anonymizer(dsl, storage, clock, properties.retentionDays());
  }
}
