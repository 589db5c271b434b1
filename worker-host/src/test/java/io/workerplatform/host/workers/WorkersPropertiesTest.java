package io.workerplatform.host.workers;

import static org.assertj.core.api.Assertions.assertThat;

import io.workerplatform.common.TaskQueues;
import java.time.Duration;
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
  void servesEveryQueueByDefault() {
    runner.run(
        context -> {
          WorkersProperties properties = context.getBean(WorkersProperties.class);
          assertThat(properties.taskQueues()).containsExactlyElementsOf(TaskQueues.ALL);
          assertThat(properties.drainTimeout()).isEqualTo(Duration.ofSeconds(30));
        });
  }

  @Test
  void anEmptyListMakesAnApiOnlyProcess() {
    runner
        .withPropertyValues("platform.workers.task-queues=")
        .run(context -> assertThat(context.getBean(WorkersProperties.class).taskQueues()).isEmpty());
  }

  @Test
  void aSubsetServesOnlyThoseQueues() {
    runner
        .withPropertyValues("platform.workers.task-queues=webhooks,events", "platform.workers.drain-timeout=5s")
        .run(
            context -> {
              WorkersProperties properties = context.getBean(WorkersProperties.class);
              assertThat(properties.taskQueues()).containsExactly("webhooks", "events");
              assertThat(properties.drainTimeout()).isEqualTo(Duration.ofSeconds(5));
            });
  }
}
