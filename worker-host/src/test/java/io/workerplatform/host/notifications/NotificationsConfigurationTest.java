package io.workerplatform.host.notifications;

import static org.assertj.core.api.Assertions.assertThat;

import io.workerplatform.events.EventTypes;
import io.workerplatform.notifications.NotificationPreferences;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;

class NotificationsConfigurationTest {
  @Configuration(proxyBeanMethods = false)
  @EnableConfigurationProperties(NotificationsProperties.class)
  static class Properties {}

  private final ApplicationContextRunner runner =
      new ApplicationContextRunner()
          .withUserConfiguration(Properties.class, NotificationsConfiguration.class)
          .withBean(EventTypes.class, () -> new EventTypes(JsonMapper.builder().build()));

  @Test
  void theDefaultTypesAreDeclaredAndARoleWithoutDefaultsIsNotifiedOfNothing() {
    runner.withPropertyValues("platform.notifications.role-defaults.ADMIN[petition.completed]=IN_APP,EMAIL")
        .run(context -> {
          NotificationPreferences preferences = context.getBean(NotificationPreferences.class);
          assertThat(preferences.types())
              .containsExactly("petition.completed", "comment.created", "signature.completed", "signature.cancelled", "document.expiring");
          assertThat(preferences.effective("ADMIN", Map.of()).get("petition.completed")).containsExactly("IN_APP", "EMAIL");
          assertThat(preferences.effective("MEMBER", Map.of()).values()).allMatch(List::isEmpty);
          assertThat(preferences.effective("ADMIN", Map.of("petition.completed", List.of())).get("petition.completed")).isEmpty();
          assertThat(preferences.audiences()).isEmpty();
        });
  }

  @Test
  void anUndeclaredTypeAnUnknownRoleOrChannelStopTheStart() {
    runner.withPropertyValues("platform.notifications.types=petition.completed,no.such-type")
        .run(context -> assertThat(context).getFailure().rootCause().hasMessageContaining("no.such-type is not a declared event type"));
    runner.withPropertyValues("platform.notifications.role-defaults.OWNER[petition.completed]=IN_APP")
        .run(context -> assertThat(context).getFailure().rootCause().hasMessageContaining("OWNER is not a role"));
    runner.withPropertyValues("platform.notifications.role-defaults.ADMIN[petition.completed]=SMS")
        .run(context -> assertThat(context).getFailure().rootCause().hasMessageContaining("unknown channel SMS"));
    runner.withPropertyValues("platform.notifications.role-defaults.ADMIN[petition.created]=IN_APP")
        .run(context -> assertThat(context).getFailure().rootCause().hasMessageContaining("petition.created, which is not a notifying type"));
    runner.withPropertyValues("platform.notifications.audiences[document.expiring]=ADMIN,OWNER")
        .run(context -> assertThat(context).getFailure().rootCause().hasMessageContaining("OWNER is not a role"));
  }

  @Test
  void anAudienceLimitsATypeToItsRolesWhateverAMemberChooses() {
    runner.withPropertyValues(
            "platform.notifications.audiences[document.expiring]=ADMIN,COMPLIANCE",
            "platform.notifications.role-defaults.MEMBER[document.expiring]=IN_APP",
            "platform.notifications.role-defaults.COMPLIANCE[document.expiring]=IN_APP,EMAIL")
        .run(context -> {
          NotificationPreferences preferences = context.getBean(NotificationPreferences.class);
          assertThat(preferences.channels("COMPLIANCE", "document.expiring", null)).containsExactly("IN_APP", "EMAIL");
          assertThat(preferences.channels("ADMIN", "document.expiring", List.of("DIGEST"))).containsExactly("DIGEST");
          assertThat(preferences.channels("MEMBER", "document.expiring", null)).isEmpty();
          assertThat(preferences.channels("MEMBER", "document.expiring", List.of("EMAIL"))).isEmpty();
          assertThat(preferences.reaches("MEMBER", "document.expiring")).isFalse();
          assertThat(preferences.reaches("MEMBER", "petition.completed")).isTrue();
        });
  }
}
