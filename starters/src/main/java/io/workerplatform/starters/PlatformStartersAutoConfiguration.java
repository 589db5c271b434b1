package io.workerplatform.starters;

import io.temporal.client.WorkflowClient;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Adds the platform's client facades to any application that has a {@link WorkflowClient} bean
 * (Temporal's Spring Boot starter makes one from {@code spring.temporal.connection.target}).
 */
@AutoConfiguration(
    afterName = "io.temporal.spring.boot.autoconfigure.RootNamespaceAutoConfiguration")
@ConditionalOnClass(WorkflowClient.class)
@ConditionalOnBean(WorkflowClient.class)
public class PlatformStartersAutoConfiguration {

  @Bean
  @ConditionalOnMissingBean
  WebhookDeliveries webhookDeliveries(WorkflowClient client) {
    return new WebhookDeliveries(client);
  }

  @Bean
  @ConditionalOnMissingBean
  BulkSends bulkSends(WorkflowClient client) {
    return new BulkSends(client);
  }

  @Bean
  @ConditionalOnMissingBean
  Signatures signatures(WorkflowClient client) {
    return new Signatures(client);
  }

  @Bean
  @ConditionalOnMissingBean
  Gdpr gdpr(WorkflowClient client) {
    return new Gdpr(client);
  }
}
