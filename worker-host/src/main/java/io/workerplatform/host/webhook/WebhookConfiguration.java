package io.workerplatform.host.webhook;

import io.temporal.worker.Worker;
import io.temporal.worker.WorkerOptions;
import io.workerplatform.host.workers.CapabilityWorkers;
import io.workerplatform.webhook.WebhookActivitiesImpl;
import io.workerplatform.webhook.WebhookDeliveryWorkflow;
import io.workerplatform.webhook.WebhookDeliveryWorkflowImpl;
import io.workerplatform.webhook.WebhookSender;
import io.workerplatform.webhook.WebhookStore;
import java.time.Clock;
import org.jooq.DSLContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class WebhookConfiguration {

  @Bean
  WebhookStore webhookStore(DSLContext dsl, Clock clock) {
    return new WebhookStore(dsl, clock);
  }

  @Bean
  CapabilityWorkers webhookWorkers(WebhookStore store, WebhookProperties properties, Clock clock) {
    WebhookActivitiesImpl activities =
        new WebhookActivitiesImpl(
            store, new WebhookSender(properties.settings(), clock), properties.settings());
    return new CapabilityWorkers() {
      @Override
      public String taskQueue() {
        return WebhookDeliveryWorkflow.TASK_QUEUE;
      }

      @Override
      public WorkerOptions options() {
        return WorkerOptions.newBuilder()
            // Attempts run as local activities; the regular activity worker still serves
            // deliveries started before that change.
            .setMaxConcurrentLocalActivityExecutionSize(properties.maxConcurrentAttempts())
            .setUsingVirtualThreadsOnLocalActivityWorker(true)
            .setUsingVirtualThreadsOnWorkflowWorker(true)
            .setMaxConcurrentActivityExecutionSize(properties.maxConcurrentAttempts())
            .setUsingVirtualThreadsOnActivityWorker(true)
            .build();
      }

      @Override
      public void register(Worker worker) {
        worker.registerWorkflowImplementationTypes(WebhookDeliveryWorkflowImpl.class);
        worker.registerActivitiesImplementations(activities);
      }
    };
  }
}
