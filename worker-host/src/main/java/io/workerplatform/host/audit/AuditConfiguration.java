package io.workerplatform.host.audit;

import io.workerplatform.audit.AuditPersonalData;
import io.workerplatform.audit.AuditRetention;
import io.workerplatform.audit.AuditStore;
import org.jooq.DSLContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;

/**
 * The audit log as a capability (docs/extending.md walks through it): its store, its retention
 * category and its export section. Adding it touched no other capability's file.
 */
@Configuration(proxyBeanMethods = false)
class AuditConfiguration {
  @Bean
  AuditStore auditStore(DSLContext dsl, JsonMapper json) {
    return new AuditStore(dsl, json);
  }

  /** Retention category {@code audit-log}: the anonymizer deletes rows past it. */
  @Bean
  AuditRetention auditRetention(DSLContext dsl) {
    return new AuditRetention(dsl);
  }

  /** {@code audit_log.json} in an organization's export. */
  @Bean
  AuditPersonalData auditPersonalData() {
    return new AuditPersonalData();
  }
}
