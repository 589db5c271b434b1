package io.workerplatform.host.gdpr;

import io.workerplatform.common.PlatformMetrics;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerOptions;
import io.workerplatform.files.FileStorage;
import io.workerplatform.gdpr.Anonymizer;
import io.workerplatform.gdpr.DataExportActivitiesImpl;
import io.workerplatform.gdpr.DataExportWorkflowImpl;
import io.workerplatform.gdpr.ErasureActivitiesImpl;
import io.workerplatform.gdpr.ErasureStore;
import io.workerplatform.gdpr.ErasureWorkflowImpl;
import io.workerplatform.gdpr.ExportCleanup;
import io.workerplatform.gdpr.MemberErasure;
import io.workerplatform.gdpr.ExportStore;
import io.workerplatform.common.TaskQueues;
import io.workerplatform.host.workers.CapabilityWorkers;
import java.time.Clock;
import java.time.Duration;
import org.jooq.DSLContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;

/** The {@code gdpr} queue (erasures, exports) and the GDPR cron jobs. */
@Configuration(proxyBeanMethods = false)
class GdprConfiguration {

  @Bean
  MemberErasure memberErasure(DSLContext dsl, Clock clock) {
    return new MemberErasure(dsl, clock);
  }

  /** The cron job {@code anonymizer} (scheduled in {@code platform.cron.jobs.anonymizer}). */
  @Bean
  Anonymizer anonymizer(
      DSLContext dsl, FileStorage storage, Clock clock, GdprProperties properties, PlatformMetrics metrics) {
    return new Anonymizer(dsl, storage, clock, properties.retentionDays(), metrics);
  }

  /** The cron job {@code gdpr-export-cleanup}. */
  @Bean
  ExportCleanup exportCleanup(DSLContext dsl, FileStorage storage) {
    return new ExportCleanup(dsl, storage);
  }

  @Bean
  ErasureStore erasureStore(DSLContext dsl, Clock clock, JsonMapper json) {
    return new ErasureStore(dsl, clock, json);
  }

  @Bean
  ExportStore exportStore(DSLContext dsl, Clock clock) {
    return new ExportStore(dsl, clock);
  }

  @Bean
  CapabilityWorkers gdprWorkers(
      DSLContext dsl, FileStorage storage, ErasureStore erasures, ExportStore exports, Clock clock,
      GdprProperties properties) {
    var erasure = new ErasureActivitiesImpl(dsl, storage, erasures, clock);
    var export = new DataExportActivitiesImpl(dsl, storage, exports, Duration.ofDays(properties.exportExpiryDays()));
    return new CapabilityWorkers() {
      @Override
      public String taskQueue() {
        return TaskQueues.GDPR;
      }

      @Override
      public WorkerOptions options() {
        // exports hold an archive in memory while they build it: a few at a time per worker
        return WorkerOptions.newBuilder().setMaxConcurrentActivityExecutionSize(4).build();
      }

      @Override
      public void register(Worker worker) {
        worker.registerWorkflowImplementationTypes(ErasureWorkflowImpl.class, DataExportWorkflowImpl.class);
        worker.registerActivitiesImplementations(erasure, export);
      }
    };
  }
}
