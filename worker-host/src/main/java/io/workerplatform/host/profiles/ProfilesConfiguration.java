package io.workerplatform.host.profiles;

import io.workerplatform.events.DeclaredEventTypes;
import io.workerplatform.members.MemberStore;
import io.workerplatform.profiles.ExpiringProfileProperties;
import io.workerplatform.profiles.ProfileImports;
import io.workerplatform.profiles.ProfilePersonalData;
import io.workerplatform.profiles.ProfilePropertyStore;
import io.workerplatform.profiles.RoleRecipients;
import io.workerplatform.profiles.ProfileRetention;
import io.workerplatform.profiles.ProfileStore;
import java.time.Clock;
import org.jooq.DSLContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The KYC profiles capability: its stores, its export section, its retention category, its
 * expiring properties, its event types and who they notify.
 */
@Configuration(proxyBeanMethods = false)
class ProfilesConfiguration {
  @Bean
  ProfileStore profileStore(DSLContext dsl, Clock clock) {
    return new ProfileStore(dsl, clock);
  }

  /** Imports of kind {@code profiles}. */
  @Bean
  ProfileImports profileImports() {
    return new ProfileImports();
  }

  @Bean
  ProfilePersonalData profilePersonalData() {
    return new ProfilePersonalData();
  }

  @Bean
  ProfilePropertyStore profilePropertyStore(DSLContext dsl, Clock clock) {
    return new ProfilePropertyStore(dsl, clock);
  }

  /** Properties' profile.property.expiring 30, 14 and 7 days ahead, by the job expiring-properties. */
  @Bean
  ExpiringProfileProperties expiringProfileProperties() {
    return new ExpiringProfileProperties();
  }

  @Bean
  DeclaredEventTypes profileEventTypes() {
    return new DeclaredEventTypes("profiles/event-types.json");
  }

  /** Who profile.property.expiring notifies: admins, managers and compliance officers, as contacts' documents. */
  @Bean
  RoleRecipients profileRecipients(MemberStore members) {
    return new RoleRecipients(members, RoleRecipients.profiles());
  }

  /** Deleted profiles past the organization's retention are deleted for good by the anonymizer. */
  @Bean
  ProfileRetention profileRetention(DSLContext dsl) {
    return new ProfileRetention(dsl);
  }
}
