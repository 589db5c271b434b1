package io.workerplatform.host.notifications;

import io.workerplatform.email.EmailService;
import io.workerplatform.members.MemberStore;
import io.workerplatform.notifications.NotificationPreferences;
import io.workerplatform.notifications.MemberDigests;
import io.workerplatform.notifications.NotificationStore;
import io.workerplatform.notifications.OldNotificationsCleanup;
import io.workerplatform.notifications.NotificationsEventHandler;
import java.time.Clock;
import org.jooq.DSLContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The notifications' store and event handler (the preferences are {@link NotificationsConfiguration}'s). */
@Configuration(proxyBeanMethods = false)
class NotificationDeliveryConfiguration {
  @Bean
  NotificationStore notificationStore(DSLContext dsl, Clock clock) {
    return new NotificationStore(dsl, clock);
  }

  /** One more {@code EventHandler} bean: the events capability finds it. */
  @Bean
  NotificationsEventHandler notificationsEventHandler(
      NotificationPreferences preferences, MemberStore members, NotificationStore notifications, EmailService emails) {
    return new NotificationsEventHandler(preferences, members, notifications, emails);
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
