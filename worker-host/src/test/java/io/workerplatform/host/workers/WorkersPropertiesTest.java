package io.workerplatform.host.workers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

class WorkersPropertiesTest {

  @Configuration(proxyBeanMethods = false)
  @EnableConfigurationProperties(WorkersProperties.class)
  static class Config {}

  private final ApplicationContextRunner runner =
      new ApplicationContextRunner().withUserConfiguration(Config.class);

  @Test
  void servesEveryRegisteredQueueByDefault() {
    runner.run(
        context -> {
          WorkersProperties properties = context.getBean(WorkersProperties.class);
          assertThat(properties.taskQueues()).containsExactly("all");
          assertThat(properties.selected(List.of("webhooks", "kyc", "webhooks"))).containsExactly("webhooks", "kyc");
          assertThat(properties.serves("cron")).isTrue();
          assertThat(properties.drainTimeout()).isEqualTo(Duration.ofSeconds(30));
        });
  }

  @Test
  void aQueueNoCapabilityRegistersIsRefusedNamingTheKnownOnes() {
    runner
        .withPropertyValues("platform.workers.task-queues=kyc,kyx")
        .run(context -> assertThatThrownBy(() -> context.getBean(WorkersProperties.class).selected(List.of("webhooks", "kyc")))
            .hasMessage("platform.workers.task-queues: unknown queue(s) [kyx]; known: [webhooks, kyc]"));
  }

  @Test
  void anEmptyListMakesAnApiOnlyProcess() {
    runner
        .withPropertyValues("platform.workers.task-queues=")
        .run(context -> assertThat(context.getBean(WorkersProperties.class).selected(List.of("webhooks"))).isEmpty());
  }

  @Test
  void aSubsetServesOnlyThoseQueues() {
    runner
        .withPropertyValues("platform.workers.task-queues=webhooks,events", "platform.workers.drain-timeout=5s")
        .run(
            context -> {
              WorkersProperties properties = context.getBean(WorkersProperties.class);
              assertThat(properties.taskQueues()).containsExactly("webhooks", "events");
              assertThat(properties.selected(List.of("events", "email", "webhooks"))).containsExactly("webhooks", "events");
              assertThat(properties.serves("events")).isTrue();
              assertThat(properties.serves("cron")).isFalse();
              assertThat(properties.drainTimeout()).isEqualTo(Duration.ofSeconds(5));
            });
  }
}
