package io.workerplatform.host.documents;

import io.workerplatform.documents.DocumentPersonalData;
import io.workerplatform.documents.DocumentStore;
import io.workerplatform.documents.ExpiringDocuments;
import io.workerplatform.events.PlatformEvents;
import java.time.Clock;
import org.jooq.DSLContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;

@Configuration(proxyBeanMethods = false)
class DocumentsConfiguration {
  @Bean
  DocumentStore documentStore(DSLContext dsl, Clock clock) {
    return new DocumentStore(dsl, clock);
  }

  /** Cron job {@code expiring-properties}. */
  @Bean
  ExpiringDocuments expiringDocuments(DSLContext dsl, PlatformEvents events, JsonMapper json) {
    return new ExpiringDocuments(dsl, events, json);
  }

  @Bean
  DocumentPersonalData documentPersonalData(DSLContext dsl) {
    return new DocumentPersonalData(dsl);
  }
}
