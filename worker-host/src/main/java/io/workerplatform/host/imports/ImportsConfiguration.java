package io.workerplatform.host.imports;

import static io.workerplatform.db.Tables.IMPORTS;

import io.temporal.worker.Worker;
import io.temporal.worker.WorkerOptions;
import io.workerplatform.files.FileStorage;
import io.workerplatform.host.relay.OutboxSource;
import io.workerplatform.host.workers.CapabilityWorkers;
import io.workerplatform.imports.ImportActivitiesImpl;
import io.workerplatform.imports.ImportStore;
import io.workerplatform.imports.ImportTarget;
import io.workerplatform.imports.ImportUploads;
import io.workerplatform.imports.ImportWork;
import io.workerplatform.imports.ImportWorkflow;
import io.workerplatform.imports.ImportWorkflowImpl;
import io.workerplatform.outbox.Outbox;
import io.workerplatform.starters.Imports;
import io.workerplatform.work.WorkKind;
import java.time.Clock;
import java.util.List;
import org.jooq.DSLContext;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The import capability: its store, its uploads (every {@link ImportTarget} bean is a kind it
 * takes), its worker on queue {@code imports}, its outbox and its work view.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ImportsProperties.class)
class ImportsConfiguration {
  @Bean
  ImportStore importStore(DSLContext dsl, Clock clock) {
    return new ImportStore(dsl, clock);
  }

  @Bean
  ImportUploads importUploads(
      DSLContext dsl, ImportStore store, FileStorage storage, List<ImportTarget> targets, ImportsProperties properties) {
    return new ImportUploads(dsl, store, storage, targets, properties.maxFileSize().toBytes());
  }

  /** Imports in /stats, the console and their list's filters. */
  @Bean
  WorkKind<ImportWork.Import> importWork() {
    return ImportWork.KIND;
  }

  /** Queue {@code imports}: the import workflow and its batch activities. */
  @Bean
  CapabilityWorkers importWorkers(
      DSLContext dsl, ImportStore store, FileStorage storage, List<ImportTarget> targets, ImportsProperties properties,
      Clock clock) {
    ImportActivitiesImpl activities = new ImportActivitiesImpl(dsl, store, storage, targets,
        new ImportActivitiesImpl.Settings(properties.batchSize(), properties.slice(), properties.continueAsNewAfterEvents()),
        clock);
    return new CapabilityWorkers() {
      @Override
      public String taskQueue() {
        return ImportWorkflow.TASK_QUEUE;
      }

      @Override
      public WorkerOptions options() {
        return WorkerOptions.newBuilder().build();
      }

      @Override
      public void register(Worker worker) {
        worker.registerWorkflowImplementationTypes(ImportWorkflowImpl.class);
        worker.registerActivitiesImplementations(activities);
      }
    };
  }

  /** Imports left unstarted or stalled, and the start after an import's creation commits. */
  @Bean
  OutboxSource importOutbox(Imports imports, Outbox outbox) {
    return new OutboxSource("import(s)", ImportWorkflow.TASK_QUEUE, ImportStore.OUTBOX,
            row -> imports.start(row.get(IMPORTS.ORG_ID), row.get(IMPORTS.ID)), outbox)
        // one not finished whose workflow was terminated: a new run goes on from its committed offset
        .restartedBy(new OutboxSource.Restart(
            row -> ImportWorkflow.workflowId(row.get(IMPORTS.ID)),
            row -> imports.restart(row.get(IMPORTS.ORG_ID), row.get(IMPORTS.ID))));
  }
}
