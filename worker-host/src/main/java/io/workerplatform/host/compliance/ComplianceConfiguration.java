package io.workerplatform.host.compliance;

import io.workerplatform.work.WorkKind;
import io.workerplatform.compliance.ComplianceWork;
import static io.workerplatform.db.Tables.COMPLIANCE_RUNS;

import io.temporal.worker.Worker;
import io.temporal.worker.WorkerOptions;
import io.workerplatform.compliance.ComplianceActivitiesImpl;
import io.workerplatform.compliance.ComplianceRecipients;
import io.workerplatform.compliance.ComplianceRefresh;
import io.workerplatform.compliance.ComplianceRefreshJob;
import io.workerplatform.compliance.ComplianceRefreshWorkflow;
import io.workerplatform.compliance.ComplianceRefreshWorkflowImpl;
import io.workerplatform.compliance.ComplianceScore;
import io.workerplatform.compliance.ComplianceSource;
import io.workerplatform.compliance.ComplianceStore;
import io.workerplatform.compliance.ComplianceTemplateData;
import io.workerplatform.documents.DocumentCompliance;
import io.workerplatform.events.DeclaredEventTypes;
import io.workerplatform.events.PlatformEvents;
import io.workerplatform.filings.FilingCompliance;
import io.workerplatform.host.relay.OutboxSource;
import io.workerplatform.host.workers.CapabilityWorkers;
import io.workerplatform.members.MemberStore;
import io.workerplatform.outbox.Outbox;
import io.workerplatform.profiles.ProfileCompliance;
import io.workerplatform.starters.ComplianceRefreshes;
import java.time.Clock;
import java.util.List;
import org.jooq.DSLContext;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;

/**
 * Compliance scores: the store, every {@link ComplianceSource} bean scored together, the nightly
 * job {@code compliance-refresh}, the refresh asked for now on queue {@code compliance}, the event
 * {@code compliance.level.changed} and who it notifies.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ComplianceProperties.class)
class ComplianceConfiguration {
  @Bean
  ComplianceStore complianceStore(DSLContext dsl, Clock clock, JsonMapper json) {
    return new ComplianceStore(dsl, clock, json);
  }

  // The sources: each capability's part, in its own package (they are beans here, beside the
  // compliance capability, because only compliance uses them).
  @Bean
  ProfileCompliance profileCompliance() {
    return new ProfileCompliance();
  }

  @Bean
  DocumentCompliance documentCompliance() {
    return new DocumentCompliance();
  }

  @Bean
  FilingCompliance filingCompliance() {
    return new FilingCompliance();
  }

  @Bean
  ComplianceRefresh complianceRefresh(
      ComplianceStore store, DSLContext dsl, List<ComplianceSource> sources, ComplianceProperties properties,
      PlatformEvents events, JsonMapper json, Clock clock) {
    ComplianceProperties.Weights w = properties.weights();
    return new ComplianceRefresh(store, dsl, sources,
        new ComplianceScore.Weights(w.missing(), w.expired(), w.expiring(), w.overdueFiling(), w.filingDueSoon()),
        events, json, clock);
  }

  /** Cron job {@code compliance-refresh} (scheduled hourly in {@code platform.cron.jobs}). */
  @Bean
  ComplianceRefreshJob complianceRefreshJob(DSLContext dsl, ComplianceRefresh refresh, ComplianceProperties properties) {
    return new ComplianceRefreshJob(dsl, refresh, properties.perMinute());
  }

  @Bean
  DeclaredEventTypes complianceEventTypes() {
    return new DeclaredEventTypes("compliance/event-types.json");
  }

  @Bean
  ComplianceRecipients complianceRecipients(MemberStore members) {
    return new ComplianceRecipients(members);
  }

  @Bean
  ComplianceTemplateData complianceTemplateData(ComplianceStore store) {
    return new ComplianceTemplateData(store);
  }

  /** Queue {@code compliance}: refreshes asked for now. */
  @Bean
  CapabilityWorkers complianceWorkers(ComplianceRefresh refresh) {
    ComplianceActivitiesImpl activities = new ComplianceActivitiesImpl(refresh);
    return new CapabilityWorkers() {
      @Override
      public String taskQueue() {
        return ComplianceRefreshWorkflow.TASK_QUEUE;
      }

      @Override
      public WorkerOptions options() {
        return WorkerOptions.newBuilder().build();
      }

      @Override
      public void register(Worker worker) {
        worker.registerWorkflowImplementationTypes(ComplianceRefreshWorkflowImpl.class);
        worker.registerActivitiesImplementations(activities);
      }
    };
  }

  /** A refresh stored while Temporal was away, started by the relay. */
  @Bean
  OutboxSource complianceOutbox(ComplianceRefreshes refreshes, Outbox outbox) {
    return new OutboxSource("compliance refresh(es)", ComplianceRefreshWorkflow.TASK_QUEUE, ComplianceStore.OUTBOX,
        row -> refreshes.start(row.get(COMPLIANCE_RUNS.ORG_ID), row.get(COMPLIANCE_RUNS.ID)), outbox);
  }

  /** Compliance runs in /stats and the console. */
  @Bean
  WorkKind<ComplianceWork.RunItem> complianceWork() {
    return ComplianceWork.KIND;
  }
}
