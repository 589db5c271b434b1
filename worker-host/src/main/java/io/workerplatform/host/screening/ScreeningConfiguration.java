package io.workerplatform.host.screening;

import static io.workerplatform.db.Tables.SCREENINGS;

import io.temporal.worker.Worker;
import io.temporal.worker.WorkerOptions;
import io.workerplatform.common.SecretBox;
import io.workerplatform.events.DeclaredEventTypes;
import io.workerplatform.events.PlatformEvents;
import io.workerplatform.host.relay.OutboxSource;
import io.workerplatform.host.workers.CapabilityWorkers;
import io.workerplatform.members.MemberStore;
import io.workerplatform.outbox.Outbox;
import io.workerplatform.profiles.ProfileStore;
import io.workerplatform.profiles.RoleRecipients;
import io.workerplatform.host.security.KeysProperties;
import io.workerplatform.host.security.PlatformKeys;
import io.workerplatform.screening.AdverseMediaArticles;
import io.workerplatform.screening.AdverseMediaJob;
import io.workerplatform.screening.ComplyAdvantageClient;
import io.workerplatform.screening.IntegrationFailures;
import io.workerplatform.screening.ProfileSearchActivitiesImpl;
import io.workerplatform.screening.ProfileSearchWorkflow;
import io.workerplatform.screening.ProfileSearchWorkflowImpl;
import io.workerplatform.screening.ScreeningCallbackTokens;
import io.workerplatform.screening.ScreeningIntegrationStore;
import io.workerplatform.screening.ScreeningMonitor;
import io.workerplatform.screening.ScreeningMonitorJob;
import io.workerplatform.screening.ScreeningPacer;
import io.workerplatform.screening.ScreeningPersonalData;
import io.workerplatform.screening.ScreeningProvider;
import io.workerplatform.screening.ScreeningRefreshActivitiesImpl;
import io.workerplatform.screening.ScreeningRefreshWorkflowImpl;
import io.workerplatform.screening.ScreeningResults;
import io.workerplatform.screening.ScreeningStore;
import io.workerplatform.screening.ScreeningWork;
import io.workerplatform.work.WorkKind;
import io.workerplatform.starters.Screenings;
import java.time.Clock;
import java.util.Map;
import java.util.Set;
import org.jooq.DSLContext;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;

/**
 * The screening capability: its stores, its provider (ComplyAdvantage unless a {@link
 * ScreeningProvider} bean is given), its worker on queue {@code screening}, its outbox, its export
 * sections, its event types and who they notify.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ScreeningProperties.class)
class ScreeningConfiguration {
  @Bean
  ScreeningIntegrationStore screeningIntegrationStore(DSLContext dsl, SecretBox secrets, Clock clock) {
    return new ScreeningIntegrationStore(dsl, secrets, clock);
  }

  @Bean
  ScreeningStore screeningStore(DSLContext dsl, Clock clock) {
    return new ScreeningStore(dsl, clock);
  }

  @Bean
  ScreeningResults screeningResults(DSLContext dsl, Clock clock) {
    return new ScreeningResults(dsl, clock);
  }

  @Bean
  @ConditionalOnMissingBean
  ScreeningProvider screeningProvider(ScreeningProperties properties, JsonMapper json) {
    return new ComplyAdvantageClient(properties.baseUrl(), properties.requestTimeout(), json);
  }

  /** Screenings in /stats, the console and their list's filters. */
  @Bean
  WorkKind<ScreeningWork.Screening> screeningWork() {
    return ScreeningWork.KIND;
  }

  @Bean
  ScreeningPersonalData screeningPersonalData() {
    return new ScreeningPersonalData();
  }

  @Bean
  ScreeningPacer screeningPacer(Clock clock) {
    return new ScreeningPacer(clock);
  }

  @Bean
  AdverseMediaArticles adverseMediaArticles(ScreeningResults results, PlatformEvents events, JsonMapper json) {
    return new AdverseMediaArticles(results, events, json);
  }

  @Bean
  ScreeningMonitor screeningMonitor(
      DSLContext dsl, ScreeningIntegrationStore integrations, IntegrationFailures failures, ScreeningProvider provider,
      ScreeningResults results, PlatformEvents events, JsonMapper json, Clock clock) {
    return new ScreeningMonitor(dsl, integrations, failures, provider, results, events, json, clock);
  }

  /** Cron job screening-monitor: polls monitored searches without a callback for a while. */
  @Bean
  ScreeningMonitorJob screeningMonitorJob(
      ScreeningMonitor monitor, ScreeningIntegrationStore integrations, ScreeningPacer pacer) {
    return new ScreeningMonitorJob(monitor, integrations, pacer);
  }

  /** Cron job adverse-media-monitor: each organization's nightly adverse-media rescreen, started at once. */
  @Bean
  AdverseMediaJob adverseMediaJob(
      DSLContext dsl, ScreeningIntegrationStore integrations, ScreeningStore screenings, Screenings starter,
      @Qualifier("screeningOutbox") OutboxSource outbox) {
    return new AdverseMediaJob(dsl, integrations, screenings, s -> {
      starter.start(s.orgId(), s.id());
      outbox.markStarted(s.id());
    });
  }

  /** The token in each organization's callback URL, from the platform's callback key. */
  @Bean
  ScreeningCallbackTokens screeningCallbackTokens(PlatformKeys keys, KeysProperties properties) {
    return new ScreeningCallbackTokens(keys.resolve("callback", "PLATFORM_CALLBACK_KEY", properties.callback()));
  }

  @Bean
  IntegrationFailures integrationFailures(ScreeningIntegrationStore integrations, PlatformEvents events, JsonMapper json) {
    return new IntegrationFailures(integrations, events, json);
  }

  /** Queue {@code screening}: the profile-search workflow and its activities. */
  @Bean
  CapabilityWorkers screeningWorkers(
      ScreeningStore screenings, ScreeningResults results, ScreeningIntegrationStore integrations,
      IntegrationFailures failures, ProfileStore profiles, ScreeningProvider provider, ScreeningPacer pacer,
      AdverseMediaArticles articles, ScreeningMonitor monitor, ScreeningProperties properties) {
    ProfileSearchActivitiesImpl activities = new ProfileSearchActivitiesImpl(
        screenings, results, integrations, failures, profiles, provider, pacer, articles,
        new ProfileSearchActivitiesImpl.Settings(
            properties.batchSize(), properties.continueAsNewAfterEvents(), properties.transientBackoff()));
    return new CapabilityWorkers() {
      @Override
      public String taskQueue() {
        return ProfileSearchWorkflow.TASK_QUEUE;
      }

      @Override
      public WorkerOptions options() {
        // A batch mostly waits: for its organization's rate and for the provider.
        return WorkerOptions.newBuilder().setUsingVirtualThreadsOnActivityWorker(true).build();
      }

      @Override
      public void register(Worker worker) {
        worker.registerWorkflowImplementationTypes(ProfileSearchWorkflowImpl.class, ScreeningRefreshWorkflowImpl.class);
        worker.registerActivitiesImplementations(activities, new ScreeningRefreshActivitiesImpl(monitor));
      }
    };
  }

  /** Screenings left unstarted or stalled, and the start after a screening's creation commits. */
  @Bean
  OutboxSource screeningOutbox(Screenings screenings, Outbox outbox) {
    return new OutboxSource("screening(s)", ProfileSearchWorkflow.TASK_QUEUE, ScreeningStore.OUTBOX,
            row -> screenings.start(row.get(SCREENINGS.ORG_ID), row.get(SCREENINGS.ID)), outbox)
        // one not finished whose workflow was terminated: a new run screens what is pending
        .restartedBy(new OutboxSource.Restart(
            row -> ProfileSearchWorkflow.workflowId(row.get(SCREENINGS.ID)),
            row -> screenings.restart(row.get(SCREENINGS.ORG_ID), row.get(SCREENINGS.ID))));
  }

  @Bean
  DeclaredEventTypes screeningEventTypes() {
    return new DeclaredEventTypes("screening/event-types.json");
  }

  /**
   * screening.integration.failed reaches the organization's admins; a screening change and a new
   * adverse-media article, its compliance officers and admins.
   */
  @Bean
  RoleRecipients screeningRecipients(MemberStore members) {
    Set<String> compliance = Set.of("COMPLIANCE", "ADMIN");
    return new RoleRecipients(members, Map.of(
        IntegrationFailures.EVENT_TYPE, new RoleRecipients.Audience(Set.of("ADMIN"),
            e -> "The screening provider refused the organization's API key (" + e.data().path("reason").asString("?")
                + "): screenings stop until a key is set again"),
        ScreeningMonitor.CHANGED, new RoleRecipients.Audience(compliance,
            e -> "Screening of profile " + e.data().path("profileId").asString("?") + " changed: "
                + e.data().path("newHitIds").size() + " new hit(s), " + e.data().path("removedHitIds").size()
                + " removed; now " + e.data().path("status").asString("?")),
        AdverseMediaArticles.FOUND, new RoleRecipients.Audience(compliance,
            e -> "New adverse media " + e.data().path("hitId").asString("?") + " for profile "
                + e.data().path("profileId").asString("?"))));
  }
}
