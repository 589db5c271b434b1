package io.workerplatform.host.sap;

import io.workerplatform.work.WorkKind;
import io.workerplatform.sap.SapWork;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerOptions;
import io.workerplatform.common.SecretBox;
import io.workerplatform.host.workers.CapabilityWorkers;
import io.workerplatform.sap.SapClient;
import io.workerplatform.sap.SapPollingJob;
import io.workerplatform.sap.SapStore;
import io.workerplatform.sap.SapSyncActivitiesImpl;
import io.workerplatform.sap.SapSyncWorkflow;
import io.workerplatform.sap.SapSyncWorkflowImpl;
import io.workerplatform.starters.SapSyncs;
import io.workerplatform.webhooks.AddressGuard;
import java.time.Clock;
import org.jooq.DSLContext;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;

/**
 * The SAP profile sync (the old {@code sap-profile-polling}): its store, its client behind the
 * platform's SSRF guard, its worker on queue {@code sap}, and the cron job that starts the syncs.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SapProperties.class)
class SapConfiguration {
  @Bean
  SapStore sapStore(DSLContext dsl, SecretBox secrets, Clock clock) {
    return new SapStore(dsl, secrets, clock);
  }

  @Bean
  SapClient sapClient(AddressGuard outboundAddressGuard, SapProperties properties, JsonMapper json) {
    return new SapClient(outboundAddressGuard, properties.requestTimeout(), json);
  }

  /** Queue {@code sap}: the sync workflow and its page activities. */
  @Bean
  CapabilityWorkers sapWorkers(DSLContext dsl, SapStore store, SapClient client, Clock clock, SapProperties properties) {
    SapSyncActivitiesImpl activities = new SapSyncActivitiesImpl(dsl, store, client, clock, properties.pageSize());
    return new CapabilityWorkers() {
      @Override
      public String taskQueue() {
        return SapSyncWorkflow.TASK_QUEUE;
      }

      @Override
      public WorkerOptions options() {
        return WorkerOptions.newBuilder().build();
      }

      @Override
      public void register(Worker worker) {
        worker.registerWorkflowImplementationTypes(SapSyncWorkflowImpl.class);
        worker.registerActivitiesImplementations(activities);
      }
    };
  }

  /** Cron job sap-profile-polling: every 5 minutes, the syncs whose interval has elapsed. */
  @Bean
  SapPollingJob sapPollingJob(SapStore store, SapSyncs syncs) {
    return new SapPollingJob(store, syncs::start);
  }

  /** SAP sync runs in /stats and the console. */
  @Bean
  WorkKind<SapWork.SyncRun> sapWork() {
    return SapWork.KIND;
  }
}
