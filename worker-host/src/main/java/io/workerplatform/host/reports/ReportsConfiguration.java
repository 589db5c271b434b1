package io.workerplatform.host.reports;

import io.workerplatform.events.DeclaredEventTypes;
import io.workerplatform.events.PlatformEvents;
import io.workerplatform.files.FileStorage;
import io.workerplatform.host.security.KeysProperties;
import io.workerplatform.host.security.PlatformKeys;
import io.workerplatform.reports.ReportLinks;
import io.workerplatform.reports.ReportPersonalData;
import io.workerplatform.reports.ReportRecipients;
import io.workerplatform.reporting.ReportSource;
import io.workerplatform.reports.ReportStore;
import io.workerplatform.reports.ReportTemplateData;
import io.workerplatform.reports.ScheduledReportsJob;
import java.time.Clock;
import java.util.List;
import org.jooq.DSLContext;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;

/**
 * Scheduled reports: schedules and reports, the cron job {@code scheduled-reports} over every
 * registered {@link ReportSource}, the event {@code report.ready}, who it notifies, what its email
 * shows and the signed links it carries.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ReportsProperties.class)
class ReportsConfiguration {
  @Bean
  ReportStore reportStore(DSLContext dsl, Clock clock) {
    return new ReportStore(dsl, clock);
  }

  @Bean
  DeclaredEventTypes reportEventTypes() {
    return new DeclaredEventTypes("reports/event-types.json");
  }

  /** Signed with the platform's callback key, under a prefix of their own. */
  @Bean
  ReportLinks reportLinks(PlatformKeys keys, KeysProperties keyProperties, ReportsProperties properties) {
    return new ReportLinks(
        keys.resolve("callback", "PLATFORM_CALLBACK_KEY", keyProperties.callback()), properties.linkBaseUrl());
  }

  /** Cron job {@code scheduled-reports} (hourly in {@code platform.cron.jobs}). */
  @Bean
  ScheduledReportsJob scheduledReportsJob(
      ReportStore store, DSLContext dsl, List<ReportSource> sources, FileStorage storage, PlatformEvents events,
      JsonMapper json, ReportsProperties properties) {
    return new ScheduledReportsJob(store, dsl, sources, storage, events, json, properties.linkValidity());
  }

  @Bean
  ReportRecipients reportRecipients(ReportStore store) {
    return new ReportRecipients(store);
  }

  @Bean
  ReportTemplateData reportTemplateData(ReportStore store, ReportLinks links) {
    return new ReportTemplateData(store, links);
  }

  @Bean
  ReportPersonalData reportPersonalData() {
    return new ReportPersonalData();
  }
}
