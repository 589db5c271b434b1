package io.workerplatform.host.notifications;

import io.workerplatform.email.EmailService;
import io.workerplatform.members.MemberStore;
import io.workerplatform.notifications.NotificationPreferences;
import io.workerplatform.notifications.NotificationStore;
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
}
