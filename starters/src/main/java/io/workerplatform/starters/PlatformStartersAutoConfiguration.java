package io.workerplatform.starters;

import io.temporal.client.WorkflowClient;
import io.workerplatform.events.EventTypes;
import java.util.Set;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;

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
@EnableConfigurationProperties(PlatformStarterProperties.class)
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
  @ConditionalOnBean(DataSource.class)
  DomainEvents domainEvents(
      DataSource dataSource, EventProcessing processing, PlatformStarterProperties properties,
      ObjectProvider<JsonMapper> mapper) {
    // The application's own mapper (Spring Boot configures one); a plain one without it.
    JsonMapper json = mapper.getIfAvailable(() -> JsonMapper.builder().build());
    return new DomainEvents(
        JdbcClient.create(dataSource),
        properties.db().schema(),
        processing,
        new EventTypes(json),
        Set.copyOf(properties.events().lowPriorityTypes()),
        json);
  }

  @Bean
  @ConditionalOnMissingBean
  EmailWorkflows emailWorkflows(WorkflowClient client) {
    return new EmailWorkflows(client);
  }

  /**
   * The application's own emails, through the same outbox: for an API application with a {@code
   * DataSource} on the platform's database.
   */
  @Bean
  @ConditionalOnMissingBean
  @ConditionalOnClass(name = "org.springframework.jdbc.core.simple.JdbcClient")
  @ConditionalOnBean(DataSource.class)
  Emails emails(
      DataSource dataSource, EmailWorkflows workflows, PlatformStarterProperties properties,
      ObjectProvider<JsonMapper> mapper) {
    return new Emails(JdbcClient.create(dataSource), properties.db().schema(), workflows,
        mapper.getIfAvailable(() -> JsonMapper.builder().build()));
  }

  @Bean
  @ConditionalOnMissingBean
  ComplianceRefreshes complianceRefreshes(WorkflowClient client) {
    return new ComplianceRefreshes(client);
  }

  @Bean
  @ConditionalOnMissingBean
  BulkSends bulkSends(WorkflowClient client) {
    return new BulkSends(client);
  }

  @Bean
  @ConditionalOnMissingBean
  Screenings screenings(WorkflowClient client) {
    return new Screenings(client);
  }

  @Bean
  @ConditionalOnMissingBean
  SapSyncs sapSyncs(WorkflowClient client) {
    return new SapSyncs(client);
  }

  @Bean
  @ConditionalOnMissingBean
  Imports imports(WorkflowClient client) {
    return new Imports(client);
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
