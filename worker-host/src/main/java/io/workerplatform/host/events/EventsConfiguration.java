package io.workerplatform.host.events;

import io.workerplatform.webhooks.DeliveryRetention;
import io.workerplatform.events.EventLogRetention;
import io.workerplatform.events.EventFanOut;
import org.springframework.beans.factory.ObjectProvider;
import io.workerplatform.host.relay.OutboxSource;
import io.workerplatform.outbox.Outbox;
import io.workerplatform.starters.EventProcessing;
import static io.workerplatform.db.Tables.DOMAIN_EVENTS;
import io.workerplatform.scheduling.ScheduledKind;
import io.workerplatform.work.WorkKind;
import io.workerplatform.events.EventWork;
import io.workerplatform.events.EventRetention;
import io.workerplatform.events.ErasedEvents;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerOptions;
import io.workerplatform.common.PlatformMetrics;
import io.workerplatform.common.TaskQueues;
import io.workerplatform.events.AuditEventHandler;
import io.workerplatform.events.DomainEventWorkflowImpl;
import io.workerplatform.events.EventRetryWorkflowImpl;
import io.workerplatform.events.EventActivitiesImpl;
import io.workerplatform.events.EventHandler;
import io.workerplatform.events.EventHandlers;
import io.workerplatform.events.DomainEventWorkflow;
import io.workerplatform.events.EventStore;
import io.workerplatform.events.OrderingKeys;
import io.workerplatform.events.DeclaredEventTypes;
import io.workerplatform.events.EventTypes;
import io.workerplatform.host.workers.CapabilityWorkers;
import java.time.Clock;
import java.util.List;
import org.jooq.DSLContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;

@Configuration(proxyBeanMethods = false)
class EventsConfiguration {

  @Bean
  OrderingKeys orderingKeys(DSLContext dsl, Clock clock) {
    return new OrderingKeys(dsl, clock);
  }

  @Bean
  EventStore eventStore(DSLContext dsl, Clock clock, ObjectProvider<EventFanOut> fanOut) {
    return new EventStore(dsl, clock, fanOut.getIfAvailable());
  }

  /** The platform's event types and every capability's {@link DeclaredEventTypes} bean. */
  @Bean
  EventTypes eventTypes(JsonMapper json, ObjectProvider<DeclaredEventTypes> capabilities) {
    return new EventTypes(json, capabilities.orderedStream().toList());
  }

  /** Every {@link EventHandler} bean: a new handler is one more bean. */
  @Bean
  EventHandlers eventHandlers(List<EventHandler> handlers) {
    return new EventHandlers(handlers);
  }

  @Bean
  AuditEventHandler auditEventHandler(DSLContext dsl) {
    return new AuditEventHandler(dsl);
  }

  @Bean
  EventActivitiesImpl eventActivities(
      EventStore store, EventHandlers handlers, JsonMapper json, Clock clock, PlatformMetrics metrics) {
    return new EventActivitiesImpl(store, handlers, json, clock, metrics);
  }

  @Bean
  CapabilityWorkers eventWorkers(EventActivitiesImpl activities, EventsProperties properties) {
    return workers(TaskQueues.EVENTS, activities, properties.maxConcurrentHandlers());
  }

  /** The same workflow and handlers, with a worker of its own and fewer handler runs at once. */
  @Bean
  CapabilityWorkers lowPriorityEventWorkers(EventActivitiesImpl activities, EventsProperties properties) {
    return workers(TaskQueues.EVENTS_LOW_PRIORITY, activities, properties.lowPriorityMaxConcurrentHandlers());
  }

  private static CapabilityWorkers workers(String queue, EventActivitiesImpl activities, int concurrentHandlers) {
    return new CapabilityWorkers() {
      @Override
      public String taskQueue() {
        return queue;
      }

      @Override
      public WorkerOptions options() {
        // Handlers run as local activities of the event's workflow.
        return WorkerOptions.newBuilder()
            .setMaxConcurrentLocalActivityExecutionSize(concurrentHandlers)
            .setUsingVirtualThreadsOnLocalActivityWorker(true)
            .setUsingVirtualThreadsOnWorkflowWorker(true)
            .build();
      }

      @Override
      public void register(Worker worker) {
        worker.registerWorkflowImplementationTypes(DomainEventWorkflowImpl.class, EventRetryWorkflowImpl.class);
        worker.registerActivitiesImplementations(activities);
      }
    };
  }

  @Bean
  EventRetention eventRetention(DSLContext dsl, List<ErasedEvents> followers) {
    return new EventRetention(dsl, followers);
  }

  @Bean
  WorkKind<EventWork.Event> eventWork() {
    return EventWork.KIND;
  }

  @Bean
  ScheduledKind delayedEvents() {
    return EventWork.SCHEDULED;
  }

  /** Events whose workflow was left unstarted (the API starts the others itself, marking them in batches). */
  @Bean
  OutboxSource eventOutbox(EventProcessing processing, EventsProperties properties, Outbox outbox) {
    return new OutboxSource("domain event workflow(s)", TaskQueues.EVENTS, EventStore.OUTBOX,
            row -> processing.start(row.get(DOMAIN_EVENTS.ORG_ID), row.get(DOMAIN_EVENTS.EXTERNAL_ID), row.get(DOMAIN_EVENTS.ID),
                row.get(DOMAIN_EVENTS.TYPE), properties.lowPriority(row.get(DOMAIN_EVENTS.TYPE))),
            outbox)
        // one under way whose workflow was terminated holds its ordering key: the sweeper restarts it
        .restartedBy(new OutboxSource.Restart(
            row -> DomainEventWorkflow.workflowId(row.get(DOMAIN_EVENTS.ORG_ID), row.get(DOMAIN_EVENTS.EXTERNAL_ID)),
            row -> processing.restart(row.get(DOMAIN_EVENTS.ORG_ID), row.get(DOMAIN_EVENTS.EXTERNAL_ID),
                row.get(DOMAIN_EVENTS.ID), row.get(DOMAIN_EVENTS.TYPE), properties.lowPriority(row.get(DOMAIN_EVENTS.TYPE)))));
  }

  /**
   * Ended events past 30 days with their handlers' rows, once no webhook delivery names them
   * (retention category domain-events).
   */
  @Bean
  EventLogRetention eventLogRetention(DSLContext dsl) {
    return new EventLogRetention(dsl, DeliveryRetention::namesEvent);
  }
}
