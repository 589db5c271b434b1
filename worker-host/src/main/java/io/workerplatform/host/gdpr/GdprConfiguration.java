package io.workerplatform.host.gdpr;

import io.workerplatform.audit.AuditLog;
import java.time.OffsetDateTime;
import java.util.Map;
import io.workerplatform.host.relay.OutboxSource;
import io.workerplatform.outbox.Outbox;
import io.workerplatform.starters.Gdpr;
import static io.workerplatform.db.Tables.ERASURES;
import static io.workerplatform.db.Tables.EXPORTS;
import io.workerplatform.work.WorkKind;
import io.workerplatform.gdpr.GdprWork;
import io.workerplatform.common.PlatformMetrics;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerOptions;
import io.workerplatform.files.FileStorage;
import io.workerplatform.gdpr.DataExportActivitiesImpl;
import io.workerplatform.gdpr.DataExportWorkflowImpl;
import io.workerplatform.gdpr.ErasureActivitiesImpl;
import io.workerplatform.gdpr.ErasureStore;
import io.workerplatform.gdpr.ErasureWorkflowImpl;
import io.workerplatform.gdpr.ExportCleanup;
import io.workerplatform.gdpr.ExportStore;
import io.workerplatform.common.TaskQueues;
import io.workerplatform.host.workers.CapabilityWorkers;
import io.workerplatform.personaldata.PersonalData;
import io.workerplatform.personaldata.PersonalDataRegistry;
import io.workerplatform.retention.Anonymizer;
import io.workerplatform.retention.RetentionCategory;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.jooq.DSLContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;

/** The {@code gdpr} queue (erasures, exports) and the GDPR cron jobs. */
@Configuration(proxyBeanMethods = false)
class GdprConfiguration {

  /** Every capability's {@link PersonalData}: what an erasure changes and what an export holds. */
  @Bean
  PersonalDataRegistry personalDataRegistry(List<PersonalData> registered) {
    return new PersonalDataRegistry(registered);
  }

  /**
   * The cron job {@code anonymizer} (scheduled in {@code platform.cron.jobs.anonymizer}) over every
   * capability's {@link RetentionCategory}.
   */
  @Bean
  Anonymizer anonymizer(
      DSLContext dsl, Clock clock, GdprProperties properties, PlatformMetrics metrics,
      List<RetentionCategory> categories) {
    return new Anonymizer(dsl, clock, properties.retentionDays(), metrics, categories, GdprConfiguration::audit);
  }

  /** The anonymizer's audit rows: actor {@code anonymizer}, action {@code anonymize}, rows per batch. */
  static void audit(DSLContext t, String orgId, String entityType, long rows, OffsetDateTime at) {
    AuditLog.record(t, orgId, Anonymizer.NAME, "anonymize", entityType, null, Map.of("rows", rows), at);
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
      GdprProperties properties, PersonalDataRegistry personalData) {
    var erasure = new ErasureActivitiesImpl(dsl, personalData, erasures, clock);
    var export = new DataExportActivitiesImpl(
        dsl, storage, exports, personalData, Duration.ofDays(properties.exportExpiryDays()));
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

  @Bean
  WorkKind<GdprWork.Export> exportWork() {
    return GdprWork.EXPORTS_KIND;
  }

  @Bean
  WorkKind<GdprWork.Erasure> erasureWork() {
    return GdprWork.ERASURES_KIND;
  }

  /** Erasures left unstarted, and the start after an erasure's request commits. */
  @Bean
  OutboxSource erasureOutbox(Gdpr gdpr, Outbox outbox) {
    return new OutboxSource("erasure(s)", TaskQueues.GDPR, ErasureStore.OUTBOX,
        row -> gdpr.startErasure(row.get(ERASURES.ORG_ID), row.get(ERASURES.CONTACT_ID)), outbox);
  }

  /** Exports left unstarted, and the start after an export's request commits. */
  @Bean
  OutboxSource exportOutbox(Gdpr gdpr, Outbox outbox) {
    return new OutboxSource("export(s)", TaskQueues.GDPR, ExportStore.OUTBOX,
        row -> gdpr.startExport(row.get(EXPORTS.ORG_ID), row.get(EXPORTS.ID), row.get(EXPORTS.CONTACT_ID)), outbox);
  }
}
