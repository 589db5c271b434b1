package io.workerplatform.host.documents;

import io.workerplatform.documents.DocumentPersonalData;
import io.workerplatform.documents.DocumentStore;
import io.workerplatform.documents.ExpiringDocuments;
import java.time.Clock;
import org.jooq.DSLContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class DocumentsConfiguration {
  @Bean
  DocumentStore documentStore(DSLContext dsl, Clock clock) {
    return new DocumentStore(dsl, clock);
  }

  /** Cron job {@code expiring-properties}. */
  /** Contacts' documents in the cron job {@code expiring-properties}. */
  @Bean
  ExpiringDocuments expiringDocuments() {
    return new ExpiringDocuments();
  }

  @Bean
  DocumentPersonalData documentPersonalData(DSLContext dsl) {
    return new DocumentPersonalData(dsl);
  }
}
