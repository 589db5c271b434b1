package io.workerplatform.host.notifications;

import io.workerplatform.notifications.NotificationEmailDeliveries;
import io.workerplatform.notifications.NotificationPersonalData;
import io.workerplatform.events.EventTypes;
import io.workerplatform.members.MemberStore;
import io.workerplatform.notifications.NotificationPreferences;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class NotificationsConfiguration {

  /** Refuses at start-up a notifying type that is not declared, or defaults for an unknown role. */
  @Bean
  NotificationPreferences notificationPreferences(NotificationsProperties properties, EventTypes eventTypes) {
    for (String type : properties.types()) {
      if (!eventTypes.isDeclared(type)) {
        throw new IllegalStateException("platform.notifications.types: " + type + " is not a declared event type");
      }
    }
    for (String role : properties.roleDefaults().keySet()) {
      if (!MemberStore.ROLES.contains(role)) {
        throw new IllegalStateException("platform.notifications.role-defaults: " + role + " is not a role");
      }
    }
    properties.audiences().forEach((type, roles) -> {
      for (String role : roles) {
        if (!MemberStore.ROLES.contains(role)) {
          throw new IllegalStateException("platform.notifications.audiences." + type + ": " + role + " is not a role");
        }
      }
    });
    return new NotificationPreferences(properties.types(), properties.roleDefaults(), properties.audiences());
  }

  /** The email channel's status follows SES's reports on its message. */
  @Bean
  NotificationEmailDeliveries notificationEmailDeliveries() {
    return new NotificationEmailDeliveries();
  }

  @Bean
  NotificationPersonalData notificationPersonalData() {
    return new NotificationPersonalData();
  }
}
