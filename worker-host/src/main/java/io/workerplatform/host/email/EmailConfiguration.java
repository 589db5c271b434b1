package io.workerplatform.host.email;

import io.workerplatform.email.EmailReport;
import io.workerplatform.work.WorkKind;
import io.workerplatform.email.EmailWork;
import io.workerplatform.retention.RetentionCategory;
import io.workerplatform.email.EmailLogRetention;
import static io.workerplatform.db.Tables.EMAIL_REQUESTS;

import io.workerplatform.email.SentEmails;
import io.workerplatform.email.EmailPersonalData;
import io.workerplatform.common.PlatformMetrics;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerOptions;
import io.workerplatform.email.EmailActivities;
import io.workerplatform.email.EmailActivitiesImpl;
import io.workerplatform.email.EmailDeliveries;
import io.workerplatform.email.EmailRequestStore;
import io.workerplatform.email.EmailWorkflowImpl;
import io.workerplatform.email.RequestedEmails;
import io.workerplatform.email.OrganizationRates;
import io.workerplatform.email.SharedRate;
import io.workerplatform.host.relay.OutboxSource;
import io.workerplatform.outbox.Outbox;
import io.workerplatform.starters.EmailWorkflows;
import java.util.List;
import io.workerplatform.email.EmailService;
import io.workerplatform.email.EmailStore;
import io.workerplatform.email.EmailTemplates;
import io.workerplatform.email.TemplateData;
import io.workerplatform.email.SesClients;
import io.workerplatform.email.SesNotifications;
import io.workerplatform.email.SesSender;
import io.workerplatform.email.SnsSignatureVerifier;
import io.workerplatform.email.SuppressionList;
import io.workerplatform.host.security.KeysProperties;
import io.workerplatform.host.security.PlatformKeys;
import io.workerplatform.host.workers.CapabilityWorkers;
import java.time.Clock;
import java.util.Set;
import java.util.regex.Pattern;
import org.jooq.DSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import tools.jackson.databind.json.JsonMapper;
import java.net.URI;

@Configuration(proxyBeanMethods = false)
class EmailConfiguration {
  private static final Logger log = LoggerFactory.getLogger(EmailConfiguration.class);


  @Bean(destroyMethod = "close")
  SesV2Client sesV2Client(EmailProperties properties) {
    EmailProperties.Ses ses = properties.ses();
    return SesClients.create(
        ses.endpoint() == null || ses.endpoint().toString().isBlank() ? null : ses.endpoint(),
        ses.region(),
        ses.accessKeyId(),
        ses.secretAccessKey(),
        ses.maxConnections(),
        ses.callTimeout());
  }

  /** Rows written before suppressions were hashed get their hash now (only this process has the key). */
  @Bean
  SuppressionList suppressionList(DSLContext dsl, PlatformKeys keys, KeysProperties properties) {
    SuppressionList list =
        new SuppressionList(dsl, keys.resolve("suppression", "PLATFORM_SUPPRESSION_KEY", properties.suppression()));
    int converted = list.hashLegacyRows();
    if (converted > 0) {
      log.info("Replaced the addresses of {} suppressions by their keyed hash", converted);
    }
    return list;
  }

  @Bean
  EmailStore emailStore(DSLContext dsl, Clock clock, SuppressionList suppressions) {
    return new EmailStore(dsl, clock, suppressions);
  }

  @Bean
  EmailTemplates emailTemplates(EmailProperties properties) {
    return new EmailTemplates(properties.templatesLocation());
  }

  @Bean
  EmailRequestStore emailRequestStore(DSLContext dsl, Clock clock, JsonMapper json) {
    return new EmailRequestStore(dsl, clock, json);
  }

  /** The application's emails left unstarted (the process died after the commit, Temporal was away). */
  @Bean
  OutboxSource emailOutbox(EmailWorkflows workflows, Outbox outbox) {
    return new OutboxSource("email(s)", EmailActivities.TASK_QUEUE, EmailRequestStore.OUTBOX,
        row -> workflows.start(row.get(EMAIL_REQUESTS.ORG_ID), row.get(EMAIL_REQUESTS.ID)), outbox);
  }

  @Bean
  EmailService emailService(
      EmailStore store, EmailTemplates templates, SesV2Client ses, EmailProperties properties,
      ObjectProvider<TemplateData> templateData, PlatformMetrics metrics,
      ObjectProvider<OrganizationRates.Shares> shares) {
    return new EmailService(
        store, templates, new SesSender(ses, properties.settings()), properties.settings(),
        templateData.orderedStream().toList(), metrics, shares.getIfAvailable(() -> OrganizationRates.Shares.NONE));
  }

  @Bean
  SesNotifications sesNotifications(
      DSLContext dsl, EmailProperties properties, SuppressionList suppressions, JsonMapper json, Clock clock,
      List<EmailDeliveries.Follower> followers) {
    EmailProperties.Sns sns = properties.sns();
    SnsSignatureVerifier verifier = sns.verifySignatures() ? snsVerifier(sns, clock) : null;
    return new SesNotifications(dsl, verifier, Pattern.compile(sns.subscribeUrlPattern()), Set.copyOf(sns.topicArns()), suppressions,
        json, followers, clock);
  }

  private static SnsSignatureVerifier snsVerifier(EmailProperties.Sns sns, Clock clock) {
    if (sns.certificateUrlPattern().isBlank()) {
      return SnsSignatureVerifier.aws(clock, sns.acceptSignatureVersion1());
    }
    // a stand-in for SNS (tests): its URLs and its certificate's name, every other rule the same
    Pattern urls = Pattern.compile(sns.certificateUrlPattern());
    SnsSignatureVerifier.CertificatePolicy local = new SnsSignatureVerifier.CertificatePolicy() {
      @Override
      public String urlProblem(URI url, String region) {
        return urls.matcher(url.toString()).matches() ? null : "SigningCertURL is not an SNS certificate URL";
      }

      @Override
      public String signingName(String region) {
        return sns.certificateName();
      }
    };
    return new SnsSignatureVerifier(local, SnsSignatureVerifier.https(), clock, sns.acceptSignatureVersion1());
  }

  @Bean
  CapabilityWorkers emailWorkers(
      EmailService emails, EmailStore store, EmailRequestStore requests, EmailProperties properties, DSLContext dsl,
      Clock clock) {
    EmailActivitiesImpl activities =
        new EmailActivitiesImpl(emails, new RequestedEmails(emails, store, requests, dsl, clock));
    SharedRate.Rate rate = properties.settings().rate();
    return new CapabilityWorkers() {
      @Override
      public String taskQueue() {
        return EmailActivities.TASK_QUEUE;
      }

      @Override
      public WorkerOptions options() {
        return WorkerOptions.newBuilder()
            // One activity is one email: a server that honours it holds every worker of the queue to
            // the rate (the embedded test server does not: the shared budget in PostgreSQL does).
            .setMaxTaskQueueActivitiesPerSecond(rate.perSecondValue())
            .setMaxConcurrentActivityExecutionSize(properties.concurrency())
            .setUsingVirtualThreadsOnActivityWorker(true)
            .build();
      }

      @Override
      public void register(Worker worker) {
        worker.registerWorkflowImplementationTypes(EmailWorkflowImpl.class);
        worker.registerActivitiesImplementations(activities);
      }
    };
  }

  @Bean
  EmailPersonalData emailPersonalData(DSLContext dsl) {
    return new EmailPersonalData(dsl);
  }

  @Bean
  SentEmails sentEmails() {
    return new SentEmails();
  }

  /** Decided messages past 180 days, with the application's requests of them (email-messages). */
  @Bean
  RetentionCategory emailMessageRetention(DSLContext dsl) {
    return EmailLogRetention.messages(dsl);
  }

  /** SES events past 90 days (ses-events). */
  @Bean
  RetentionCategory sesEventRetention(DSLContext dsl) {
    return EmailLogRetention.sesEvents(dsl);
  }

  /** Email messages in /stats and the console. */
  @Bean
  WorkKind<EmailWork.Message> emailWork() {
    return EmailWork.KIND;
  }

  /** Report kind {@code emails}. */
  @Bean
  EmailReport emailReport() {
    return new EmailReport();
  }
}
