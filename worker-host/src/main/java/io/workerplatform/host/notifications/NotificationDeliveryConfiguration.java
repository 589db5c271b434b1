package io.workerplatform.host.notifications;

import io.temporal.worker.Worker;
import io.temporal.worker.WorkerOptions;
import io.workerplatform.email.EmailService;
import io.workerplatform.host.workers.CapabilityWorkers;
import io.workerplatform.notifications.NotificationEmailActivitiesImpl;
import io.workerplatform.notifications.NotificationEmailsWorkflow;
import io.workerplatform.notifications.NotificationEmailsWorkflowImpl;
import io.workerplatform.starters.NotificationEmails;
import io.workerplatform.members.MemberStore;
import io.workerplatform.notifications.DigestTemplateData;
import io.workerplatform.notifications.NotificationPreferences;
import io.workerplatform.notifications.MemberDigests;
import io.workerplatform.notifications.NotificationRecipients;
import io.workerplatform.notifications.NotificationStore;
import io.workerplatform.notifications.PreferenceStore;
import io.workerplatform.notifications.OldNotificationsCleanup;
import io.workerplatform.notifications.NotificationsEventHandler;
import java.time.Clock;
import org.jooq.DSLContext;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The notifications' store, event handler and the workers of queue {@code notifications} that send
 * their emails (the preferences are {@link NotificationsConfiguration}'s).
 */
@Configuration(proxyBeanMethods = false)
class NotificationDeliveryConfiguration {
  @Bean
  NotificationStore notificationStore(DSLContext dsl, Clock clock) {
    return new NotificationStore(dsl, clock);
  }

  @Bean
  PreferenceStore preferenceStore(DSLContext dsl) {
    return new PreferenceStore(dsl);
  }

  /** The member digest's lines in emails: one more {@code TemplateData} bean. */
  @Bean
  DigestTemplateData digestTemplateData(DSLContext dsl) {
    return new DigestTemplateData(dsl);
  }

  /** One more {@code EventHandler} bean: the events capability finds it. */
  @Bean
  NotificationsEventHandler notificationsEventHandler(
      NotificationPreferences preferences, MemberStore members, PreferenceStore choices,
      NotificationStore notifications, ObjectProvider<NotificationRecipients> named, NotificationEmails emails) {
    return new NotificationsEventHandler(
        preferences, members, choices, notifications, named.orderedStream().toList(), emails::start);
  }

  /** Queue {@code notifications}: one workflow per event with emails, its one sending activity. */
  @Bean
  CapabilityWorkers notificationEmailWorkers(
      NotificationStore notifications, EmailService emails, ObjectProvider<NotificationRecipients> named) {
    NotificationEmailActivitiesImpl activities =
        new NotificationEmailActivitiesImpl(notifications, emails, named.orderedStream().toList());
    return new CapabilityWorkers() {
      @Override
      public String taskQueue() {
        return NotificationEmailsWorkflow.TASK_QUEUE;
      }

      @Override
      public WorkerOptions options() {
        // An activity sends an event's emails one by one, mostly waiting for SES: virtual threads.
        return WorkerOptions.newBuilder().setUsingVirtualThreadsOnActivityWorker(true).build();
      }

      @Override
      public void register(Worker worker) {
        worker.registerWorkflowImplementationTypes(NotificationEmailsWorkflowImpl.class);
        worker.registerActivitiesImplementations(activities);
      }
    };
  }

  /** Cron job {@code petition-notifications}: the members' digests. */
  @Bean
  MemberDigests memberDigests(NotificationStore notifications, EmailService emails) {
    return new MemberDigests(notifications, emails);
  }

  /** Cron job {@code old-notifications}. */
  @Bean
  OldNotificationsCleanup oldNotificationsCleanup(NotificationStore notifications, NotificationsProperties properties) {
    return new OldNotificationsCleanup(notifications, properties.retentionDays());
  }
}
