package io.workerplatform.host.webhooks;

import io.workerplatform.webhooks.DeliveryReport;
import io.workerplatform.webhooks.DeliveryRetention;
import io.workerplatform.webhooks.WebhookAttemptsCleanup;
import io.workerplatform.webhooks.DeliveryFanOut;
import io.workerplatform.work.WorkKind;
import io.workerplatform.work.MinuteCounts;
import io.workerplatform.webhooks.DeliveryWork;
import io.workerplatform.webhooks.WebhookResponseErasure;
import io.temporal.client.WorkflowClient;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerOptions;
import io.workerplatform.common.PlatformMetrics;
import io.workerplatform.common.SecretBox;
import io.workerplatform.host.workers.CapabilityWorkers;
import io.workerplatform.starters.WebhookDeliveries;
import io.workerplatform.webhooks.AddressGuard;
import io.workerplatform.webhooks.DeliveryBulkActionActivitiesImpl;
import io.workerplatform.webhooks.DeliveryBulkActionStore;
import io.workerplatform.webhooks.DeliveryBulkActionWorkflowImpl;
import io.workerplatform.webhooks.WebhookActivitiesImpl;
import io.workerplatform.webhooks.WebhookDeliveryWorkflow;
import io.workerplatform.webhooks.WebhookDeliveryWorkflowImpl;
import io.workerplatform.webhooks.WebhookEventHandler;
import io.workerplatform.webhooks.WebhookSender;
import io.workerplatform.webhooks.SubscriptionStore;
import io.workerplatform.webhooks.WebhookStore;
import java.net.InetAddress;
import java.time.Clock;
import org.jooq.DSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;
import java.time.Duration;

@Configuration(proxyBeanMethods = false)
class WebhookConfiguration {
  private static final Logger log = LoggerFactory.getLogger(WebhookConfiguration.class);
  /** Deliveries per page of a bulk action: one activity each. */
  static final int BULK_ACTION_PAGE_SIZE = 50;

  /**
   * The SSRF guard for outbound HTTP that a tenant chooses (webhook URLs, a SAP system's base URL):
   * one policy, set by {@code platform.webhooks.allow-private-addresses}, {@code allowed-hosts}
   * and {@code allow-http}, for every capability that calls such a URL.
   */
  @Bean
  AddressGuard outboundAddressGuard(WebhookProperties properties) {
    return AddressGuard.of(properties.settings());
  }

  @Bean
  WebhookStore webhookStore(DSLContext dsl, Clock clock, SecretBox secrets, JsonMapper json) {
    return new WebhookStore(dsl, clock, secrets, json);
  }

  /** Secrets written before they were sealed, or under a rotated key, are sealed now. */
  @Bean
  SubscriptionStore subscriptionStore(DSLContext dsl, Clock clock, SecretBox secrets) {
    SubscriptionStore store = new SubscriptionStore(dsl, clock, secrets);
    int sealed = store.sealSecrets();
    if (sealed > 0) {
      log.info("Sealed {} webhook signing secrets under the current secrets key", sealed);
    }
    return store;
  }

  /** The starters' facade with this host's schedule (the auto-configured one backs off). */
  @Bean
  WebhookDeliveries webhookDeliveries(WorkflowClient client, WebhookProperties properties) {
    return new WebhookDeliveries(client, properties.retryDelays());
  }

  @Bean
  DeliveryBulkActionStore deliveryBulkActionStore(DSLContext dsl, Clock clock) {
    return new DeliveryBulkActionStore(dsl, clock);
  }

  /** Attempts (the delivery workflows' and the webhooks handler's first ones). */
  @Bean
  WebhookActivitiesImpl webhookActivities(
      WebhookStore store, WebhookProperties properties, Clock clock, PlatformMetrics metrics) {
    return new WebhookActivitiesImpl(
        store,
        new WebhookSender(properties.settings(), clock, InetAddress::getAllByName, properties.maxConcurrentAttempts()),
        properties.settings(),
        metrics);
  }

  /** The webhooks event handler: an event's first attempts, and delivery workflows for retries. */
  @Bean
  WebhookEventHandler webhookEventHandler(
      DSLContext dsl, Clock clock, WebhookStore store, WebhookActivitiesImpl activities,
      WebhookDeliveries deliveries) {
    return new WebhookEventHandler(
        dsl,
        clock,
        store,
        activities,
        new WebhookEventHandler.DeliveryWorkflows() {
          @Override
          public void start(String orgId, String eventId, String deliveryId, int attemptsMade) {
            deliveries.startDelivery(new WebhookDeliveries.Delivery(orgId, eventId, deliveryId), attemptsMade);
          }

          @Override
          public Duration firstRetryDelay() {
            return deliveries.firstRetryDelay();
          }
        });
  }

  @Bean
  CapabilityWorkers webhookWorkers(
      WebhookActivitiesImpl activities, WebhookProperties properties,
      DeliveryBulkActionStore bulkActions, WebhookDeliveries deliveries) {
    DeliveryBulkActionActivitiesImpl bulkActivities =
        new DeliveryBulkActionActivitiesImpl(
            bulkActions,
            new DeliveryBulkActionActivitiesImpl.Steering() {
              @Override
              public void redeliver(String orgId, String eventId, String deliveryId) {
                deliveries.redeliver(new WebhookDeliveries.Delivery(orgId, eventId, deliveryId));
              }

              @Override
              public boolean cancel(String deliveryId, String reason) {
                return deliveries.cancel(deliveryId, reason);
              }
            },
            BULK_ACTION_PAGE_SIZE,
            properties.bulkActionRate());
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
        worker.registerWorkflowImplementationTypes(
            WebhookDeliveryWorkflowImpl.class, DeliveryBulkActionWorkflowImpl.class);
        worker.registerActivitiesImplementations(activities, bulkActivities);
      }
    };
  }

  @Bean
  WebhookResponseErasure webhookResponseErasure(DSLContext dsl) {
    return new WebhookResponseErasure(dsl);
  }

  @Bean
  WorkKind<DeliveryWork.Delivery> deliveryWork() {
    return DeliveryWork.KIND;
  }

  @Bean
  MinuteCounts webhookAttemptsPerMinute() {
    return DeliveryWork.ATTEMPTS_PER_MINUTE;
  }

  /** An event stored for now is stored with its deliveries, in one statement. */
  @Bean
  DeliveryFanOut deliveryFanOut() {
    return new DeliveryFanOut();
  }

  @Bean
  WebhookAttemptsCleanup webhookAttemptsCleanup(DSLContext dsl) {
    return new WebhookAttemptsCleanup(dsl);
  }

  /** Ended deliveries and their attempts past 30 days are deleted (retention category webhook-deliveries). */
  @Bean
  DeliveryRetention deliveryRetention(DSLContext dsl) {
    return new DeliveryRetention(dsl);
  }

  /** Report kind {@code deliveries}. */
  @Bean
  DeliveryReport deliveryReport() {
    return new DeliveryReport();
  }
}
