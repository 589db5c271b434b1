package io.workerplatform.host.contacts;

import io.workerplatform.contacts.ContactImports;
import io.workerplatform.contacts.ContactPersonalData;
import io.workerplatform.contacts.ContactRetention;
import io.workerplatform.contacts.ContactStore;
import io.workerplatform.personaldata.PersonalDataRegistry;
import java.time.Clock;
import org.jooq.DSLContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Contacts: their store and their plug-ins (imports, personal data, retention category {@code contacts}). */
@Configuration(proxyBeanMethods = false)
class ContactsConfiguration {
  @Bean
  ContactStore contactStore(DSLContext dsl, Clock clock) {
    return new ContactStore(dsl, clock);
  }

  /** Imports of kind {@code contacts}. */
  @Bean
  ContactImports contactImports() {
    return new ContactImports();
  }

  @Bean
  ContactPersonalData contactPersonalData(DSLContext dsl) {
    return new ContactPersonalData(dsl);
  }

  @Bean
  ContactRetention contactRetention(DSLContext dsl, PersonalDataRegistry personalData) {
    return new ContactRetention(dsl, personalData);
  }
}
