package io.workerplatform.starters;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.client.WorkflowClient;
import io.temporal.testing.TestWorkflowEnvironment;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class PlatformStartersAutoConfigurationTest {
  private static final TestWorkflowEnvironment env = TestWorkflowEnvironment.newInstance();

  private final ApplicationContextRunner runner =
      new ApplicationContextRunner()
          .withConfiguration(AutoConfigurations.of(PlatformStartersAutoConfiguration.class));

  @AfterAll
  static void close() {
    env.close();
  }

  @Test
  void providesTheFacadeOverTheApplicationsWorkflowClient() {
    runner
        .withBean(WorkflowClient.class, env::getWorkflowClient)
        .run(
            context -> {
              assertThat(context).hasSingleBean(WebhookDeliveries.class);
              assertThat(context).hasSingleBean(BulkSends.class);
              assertThat(context).hasSingleBean(Screenings.class);
              assertThat(context).hasSingleBean(SapSyncs.class);
              assertThat(context).hasSingleBean(Imports.class);
              assertThat(context).hasSingleBean(Signatures.class);
              assertThat(context).hasSingleBean(Gdpr.class);
              assertThat(context).hasSingleBean(EmailWorkflows.class);
              // the outboxes need the platform's database: none here
              assertThat(context).doesNotHaveBean(Emails.class);
            });
  }

  @Test
  void sendsTheApplicationsEmailsThroughItsDataSource() {
    runner
        .withBean(WorkflowClient.class, env::getWorkflowClient)
        .withBean(javax.sql.DataSource.class, () -> new org.springframework.jdbc.datasource.SimpleDriverDataSource())
        .run(context -> {
          assertThat(context).hasSingleBean(Emails.class);
          assertThat(context).hasSingleBean(DomainEvents.class);
        });
  }

  @Test
  void staysAwayWithoutAWorkflowClient() {
    runner.run(
        context -> {
          assertThat(context).doesNotHaveBean(WebhookDeliveries.class);
          assertThat(context).doesNotHaveBean(Signatures.class);
          assertThat(context).doesNotHaveBean(Gdpr.class);
        });
  }

  @Test
  void backsOffForTheApplicationsOwnFacade() {
    WebhookDeliveries own = new WebhookDeliveries(env.getWorkflowClient());
    runner
        .withBean(WorkflowClient.class, env::getWorkflowClient)
        .withBean(WebhookDeliveries.class, () -> own)
        .run(context -> assertThat(context.getBean(WebhookDeliveries.class)).isSameAs(own));
  }
}
