package io.workerplatform.host.filings;

import io.workerplatform.events.DeclaredEventTypes;
import io.workerplatform.events.PlatformEvents;
import io.workerplatform.expiring.ExpiringItems;
import io.workerplatform.expiring.ExpiringProperties;
import io.workerplatform.filings.FilingDeadlines;
import io.workerplatform.filings.FilingRecipients;
import io.workerplatform.filings.FilingStore;
import io.workerplatform.filings.FilingTemplateData;
import io.workerplatform.members.MemberStore;
import java.time.Clock;
import java.util.List;
import org.jooq.DSLContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;

/**
 * Filings: their store, their event type {@code filing.due}, the cron job {@code filing-reminders}
 * that publishes it, who it notifies and what its email shows.
 */
@Configuration(proxyBeanMethods = false)
class FilingsConfiguration {
  @Bean
  FilingStore filingStore(DSLContext dsl, Clock clock) {
    return new FilingStore(dsl, clock);
  }

  @Bean
  DeclaredEventTypes filingEventTypes() {
    return new DeclaredEventTypes("filings/event-types.json");
  }

  /** Open filings as the items of {@code filing-reminders} (not of {@code expiring-properties}). */
  @Bean
  FilingDeadlines filingDeadlines() {
    return new FilingDeadlines();
  }

  /**
   * Cron job {@code filing-reminders} (scheduled hourly in {@code platform.cron.jobs}: it takes each
   * organization from 08:00 local): {@code filing.due} 14, 7 and 3 days ahead.
   */
  @Bean
  ExpiringProperties filingReminders(DSLContext dsl, PlatformEvents events, JsonMapper json, List<ExpiringItems> kinds) {
    return new ExpiringProperties(FilingDeadlines.SCHEDULE, dsl, events, json, kinds);
  }

  @Bean
  FilingRecipients filingRecipients(DSLContext dsl, MemberStore members) {
    return new FilingRecipients(dsl, members);
  }

  @Bean
  FilingTemplateData filingTemplateData(FilingStore filings, DSLContext dsl, Clock clock) {
    return new FilingTemplateData(filings, dsl, clock);
  }
}
