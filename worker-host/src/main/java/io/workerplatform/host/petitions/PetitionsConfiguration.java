package io.workerplatform.host.petitions;

import io.workerplatform.host.relay.OutboxSource;
import io.workerplatform.outbox.Outbox;
import static io.workerplatform.db.Tables.PETITIONS;
import io.workerplatform.scheduling.ScheduledKind;
import io.workerplatform.petitions.PetitionClosing;
import io.workerplatform.petitions.PetitionPersonalData;
import io.workerplatform.petitions.PetitionRetention;
import io.workerplatform.common.TaskQueues;
import io.workerplatform.email.EmailService;
import io.workerplatform.events.PlatformEvents;
import io.workerplatform.host.workers.CapabilityWorkers;
import io.workerplatform.petitions.PetitionActivitiesImpl;
import io.workerplatform.petitions.PetitionCloseWorkflowImpl;
import io.workerplatform.petitions.PetitionStore;
import io.workerplatform.petitions.PetitionTemplateData;
import io.workerplatform.petitions.ReminderTrigger;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerOptions;
import java.time.Clock;
import org.jooq.DSLContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The {@code petitions} queue (closing timers) and the cron job {@code reminder-trigger}. */
@Configuration(proxyBeanMethods = false)
class PetitionsConfiguration {
  @Bean
  PetitionStore petitionStore(DSLContext dsl, Clock clock) {
    return new PetitionStore(dsl, clock);
  }

  @Bean
  ReminderTrigger reminderTrigger(DSLContext dsl, EmailService emails) {
    return new ReminderTrigger(dsl, emails);
  }

  @Bean
  CapabilityWorkers petitionWorkers(DSLContext dsl, PlatformEvents events, Clock clock) {
    var activities = new PetitionActivitiesImpl(dsl, events, clock);
    return new CapabilityWorkers() {
      @Override
      public String taskQueue() {
        return TaskQueues.PETITIONS;
      }

      @Override
      public WorkerOptions options() {
        return WorkerOptions.newBuilder().build();
      }

      @Override
      public void register(Worker worker) {
        worker.registerWorkflowImplementationTypes(PetitionCloseWorkflowImpl.class);
        worker.registerActivitiesImplementations(activities);
      }
    };
  }

  @Bean
  PetitionTemplateData petitionTemplateData(DSLContext dsl) {
    return new PetitionTemplateData(dsl);
  }

  @Bean
  PetitionPersonalData petitionPersonalData(DSLContext dsl) {
    return new PetitionPersonalData(dsl);
  }

  @Bean
  PetitionRetention petitionRetention(DSLContext dsl) {
    return new PetitionRetention(dsl);
  }

  @Bean
  ScheduledKind scheduledPetitionClosings() {
    return PetitionClosing.SCHEDULED;
  }

  /** Petitions' closing times their timer was not given (Temporal was unreachable when they changed). */
  @Bean
  OutboxSource petitionClosingOutbox(PetitionCloses closes, Outbox outbox) {
    return new OutboxSource("petition closing time(s)", TaskQueues.PETITIONS, PetitionStore.CLOSING_OUTBOX,
        row -> closes.start(row.get(PETITIONS.ORG_ID), row.get(PETITIONS.ID),
            row.get(PETITIONS.CLOSES_AT) == null ? null : row.get(PETITIONS.CLOSES_AT).toInstant()),
        outbox);
  }
}
