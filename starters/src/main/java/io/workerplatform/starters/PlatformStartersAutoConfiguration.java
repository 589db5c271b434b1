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
    afterName = {
      "io.temporal.spring.boot.autoconfigure.RootNamespaceAutoConfiguration",
      "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
      "org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration"
    })
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
  EventProcessing eventProcessing(WorkflowClient client) {
    return new EventProcessing(client);
  }

  /**
   * The transactional outbox, for an API application with a {@code DataSource} on the platform's
   * database ({@code platform.db.schema}, {@code platform.events.low-priority-types} as the host's).
   */
  @Bean
  @ConditionalOnMissingBean
  @ConditionalOnClass(name = "org.springframework.jdbc.core.simple.JdbcClient")
  @ConditionalOnBean(javax.sql.DataSource.class)
  DomainEvents domainEvents(
      javax.sql.DataSource dataSource, EventProcessing processing,
      org.springframework.core.env.Environment environment,
      org.springframework.beans.factory.ObjectProvider<tools.jackson.databind.json.JsonMapper> mapper) {
    java.util.Set<String> lowPriority =
        java.util.Set.of(environment.getProperty("platform.events.low-priority-types", String[].class, new String[0]));
    // The application's own mapper (Spring Boot configures one); a plain one without it.
    tools.jackson.databind.json.JsonMapper json = mapper.getIfAvailable(() -> tools.jackson.databind.json.JsonMapper.builder().build());
    return new DomainEvents(
        org.springframework.jdbc.core.simple.JdbcClient.create(dataSource),
        environment.getProperty("platform.db.schema", "platform"),
        processing,
        new io.workerplatform.events.EventTypes(json),
        lowPriority,
        json);
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
  NotificationEmails notificationEmails(WorkflowClient client) {
    return new NotificationEmails(client);
  }

  @Bean
  @ConditionalOnMissingBean
  Gdpr gdpr(WorkflowClient client) {
    return new Gdpr(client);
  }
}
