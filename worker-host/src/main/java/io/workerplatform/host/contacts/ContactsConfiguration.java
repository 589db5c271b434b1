package io.workerplatform.host.contacts;

import io.workerplatform.contacts.ContactPersonalData;
import io.workerplatform.contacts.ContactRetention;
import io.workerplatform.contacts.ContactStore;
import io.workerplatform.personaldata.PersonalDataRegistry;
import java.time.Clock;
import org.jooq.DSLContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Contacts: their store and their plug-ins (personal data, retention category {@code contacts}). */
@Configuration(proxyBeanMethods = false)
class ContactsConfiguration {
  @Bean
  ContactStore contactStore(DSLContext dsl, Clock clock) {
    return new ContactStore(dsl, clock);
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
