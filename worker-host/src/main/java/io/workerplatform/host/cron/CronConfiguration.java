package io.workerplatform.host.cron;

import io.workerplatform.work.WorkKind;
import io.workerplatform.cron.CronWork;
import io.workerplatform.cron.CronRunRetention;
import io.workerplatform.common.PlatformMetrics;
import io.temporal.client.WorkflowClient;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerOptions;
import io.workerplatform.cron.CronActivitiesImpl;
import io.workerplatform.cron.CronJob;
import io.workerplatform.cron.CronJobWorkflow;
import io.workerplatform.cron.CronJobWorkflowImpl;
import io.workerplatform.cron.CronRegistrations;
import io.workerplatform.cron.CronRunStore;
import io.workerplatform.host.workers.CapabilityWorkers;
import io.workerplatform.host.workers.WorkersProperties;
import java.time.Clock;
import java.util.List;
import org.jooq.DSLContext;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import tools.jackson.databind.json.JsonMapper;

/** The {@code cron} queue: one workflow type runs every job; each job is a {@link CronJob} bean. */
@Configuration(proxyBeanMethods = false)
class CronConfiguration {

  @Bean
  CronRunStore cronRunStore(DSLContext dsl, Clock clock) {
    return new CronRunStore(dsl, clock);
  }

  @Bean
  CronRegistrations cronRegistrations(DSLContext dsl, Clock clock, JsonMapper json) {
    return new CronRegistrations(dsl, clock, json);
  }


  @Bean
  CronRegistrar cronRegistrar(WorkflowClient client, CronRegistrations registrations, Environment environment) {
    boolean embedded = "embedded".equals(environment.getProperty("platform.temporal.mode"));
    return new CronRegistrar(client, registrations, embedded);
  }

  /** Only a host that serves the cron queue schedules the jobs (API-only hosts leave them be). */
  @Bean
  ApplicationRunner cronRegistration(CronRegistrar registrar, CronProperties properties, WorkersProperties workers) {
    return args -> {
      if (workers.serves(CronJobWorkflow.TASK_QUEUE)) {
        registrar.register(properties.jobs());
      }
    };
  }

  @Bean
  CapabilityWorkers cronWorkers(List<CronJob> jobs, CronRunStore runs, PlatformMetrics metrics) {
    CronActivitiesImpl activities = new CronActivitiesImpl(jobs, runs, metrics);
    return new CapabilityWorkers() {
      @Override
      public String taskQueue() {
        return CronJobWorkflow.TASK_QUEUE;
      }

      @Override
      public WorkerOptions options() {
        return WorkerOptions.newBuilder().build();
      }

      @Override
      public void register(Worker worker) {
        worker.registerWorkflowImplementationTypes(CronJobWorkflowImpl.class);
        worker.registerActivitiesImplementations(activities);
      }
    };
  }

  /** Finished cron runs past 90 days are deleted by the anonymizer (retention category cron-runs). */
  @Bean
  CronRunRetention cronRunRetention(DSLContext dsl) {
    return new CronRunRetention(dsl);
  }

  /** Cron runs in the platform's /stats. */
  @Bean
  WorkKind<CronWork.Run> cronWork() {
    return CronWork.KIND;
  }
}
