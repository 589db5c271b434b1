package io.workerplatform.host.bulksends;

import io.workerplatform.host.relay.OutboxSource;
import io.workerplatform.outbox.Outbox;
import io.workerplatform.common.TaskQueues;
import io.workerplatform.starters.BulkSends;
import static io.workerplatform.db.Tables.BULK_SENDS;
import io.workerplatform.scheduling.ScheduledKind;
import io.workerplatform.work.WorkKind;
import io.workerplatform.bulksends.BulkSendWork;
import io.workerplatform.bulksends.BulkSendPersonalData;
import io.workerplatform.common.PlatformMetrics;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerOptions;
import io.workerplatform.bulksends.BulkSendActivitiesImpl;
import io.workerplatform.bulksends.BulkSendStore;
import io.workerplatform.bulksends.BulkSendWorkflow;
import io.workerplatform.bulksends.BulkSendWorkflowImpl;
import io.workerplatform.email.EmailService;
import io.workerplatform.host.email.EmailProperties;
import io.workerplatform.host.workers.CapabilityWorkers;
import io.workerplatform.usage.UsageStore;
import java.time.Clock;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import java.time.Instant;

@Configuration(proxyBeanMethods = false)
class BulkSendConfiguration {

  @Bean
  BulkSendStore bulkSendStore(DSLContext dsl, Clock clock) {
    return new BulkSendStore(
        dsl, clock,
        (tx, orgId, reservedAt, recipients, emails) -> new UsageStore(tx, clock).releaseBulkSend(orgId, reservedAt, recipients, emails));
  }

  @Bean
  CapabilityWorkers bulkSendWorkers(
      BulkSendStore store, EmailService emails, BulkSendProperties properties, EmailProperties email,
      PlatformMetrics metrics) {
    BulkSendActivitiesImpl activities = new BulkSendActivitiesImpl(store, emails, properties.settings(), metrics);
    return new CapabilityWorkers() {
      @Override
      public String taskQueue() {
        return BulkSendWorkflow.TASK_QUEUE;
      }

      @Override
      public WorkerOptions options() {
        // Within a process the email service holds the exact per-second rate. Across workers the
        // server holds the queue to pages: each page costs two activities (find it, send it); the
        // bound is doubled (and at least one per second) so that finding pages never starves.
        double pagesPerSecond = (double) email.maxPerSecond() / properties.pageSize();
        return WorkerOptions.newBuilder()
            .setMaxTaskQueueActivitiesPerSecond(Math.max(4 * pagesPerSecond, 1.0))
            .build();
      }

      @Override
      public void register(Worker worker) {
        worker.registerWorkflowImplementationTypes(BulkSendWorkflowImpl.class);
        worker.registerActivitiesImplementations(activities);
      }
    };
  }

  @Bean
  BulkSendPersonalData bulkSendPersonalData() {
    return new BulkSendPersonalData();
  }

  @Bean
  WorkKind<BulkSendWork.BulkSend> bulkSendWork() {
    return BulkSendWork.KIND;
  }

  @Bean
  ScheduledKind scheduledBulkSends() {
    return BulkSendWork.SCHEDULED;
  }

  /** Bulk sends left unstarted once their time has come. */
  @Bean
  OutboxSource bulkSendOutbox(BulkSends bulkSends, Outbox outbox) {
    return new OutboxSource("bulk send(s)", TaskQueues.BULK_SEND, BulkSendStore.OUTBOX,
            row -> bulkSends.start(row.get(BULK_SENDS.ORG_ID), row.get(BULK_SENDS.ID), row.get(BULK_SENDS.PETITION_ID),
                sendAt(row)),
            outbox)
        // one not finished whose workflow was terminated: a new run sends the rest
        .restartedBy(new OutboxSource.Restart(
            row -> BulkSendWorkflow.workflowId(row.get(BULK_SENDS.ID)),
            row -> bulkSends.restart(row.get(BULK_SENDS.ORG_ID), row.get(BULK_SENDS.ID), row.get(BULK_SENDS.PETITION_ID),
                sendAt(row))));
  }

  private static Instant sendAt(Record row) {
    return row.get(BULK_SENDS.SEND_AT) == null ? null : row.get(BULK_SENDS.SEND_AT).toInstant();
  }
}
