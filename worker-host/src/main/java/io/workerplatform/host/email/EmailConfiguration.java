package io.workerplatform.host.email;

import io.temporal.worker.Worker;
import io.temporal.worker.WorkerOptions;
import io.workerplatform.contacts.ContactStore;
import io.workerplatform.email.EmailActivities;
import io.workerplatform.email.EmailActivitiesImpl;
import io.workerplatform.email.EmailService;
import io.workerplatform.email.EmailStore;
import io.workerplatform.email.EmailTemplates;
import io.workerplatform.email.SesClients;
import io.workerplatform.email.SesNotifications;
import io.workerplatform.email.SesSender;
import io.workerplatform.email.SnsSignatureVerifier;
import java.util.Set;
import java.util.regex.Pattern;
import io.workerplatform.host.workers.CapabilityWorkers;
import java.time.Clock;
import org.jooq.DSLContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import software.amazon.awssdk.services.sesv2.SesV2Client;

@Configuration(proxyBeanMethods = false)
class EmailConfiguration {

  @Bean(destroyMethod = "close")
  SesV2Client sesV2Client(EmailProperties properties) {
    EmailProperties.Ses ses = properties.ses();
    return SesClients.create(
        ses.endpoint() == null || ses.endpoint().toString().isBlank() ? null : ses.endpoint(),
        ses.region(),
        ses.accessKeyId(),
        ses.secretAccessKey(),
        ses.maxConnections());
  }

  @Bean
  ContactStore contactStore(DSLContext dsl, Clock clock) {
    return new ContactStore(dsl, clock);
  }

  @Bean
  EmailStore emailStore(DSLContext dsl, Clock clock) {
    return new EmailStore(dsl, clock);
  }

  @Bean
  EmailTemplates emailTemplates() {
    return new EmailTemplates();
  }

  @Bean
  EmailService emailService(
      EmailStore store, EmailTemplates templates, SesV2Client ses, EmailProperties properties) {
    return new EmailService(store, templates, new SesSender(ses, properties.settings()), properties.settings());
  }

  @Bean
  SesNotifications sesNotifications(DSLContext dsl, EmailProperties properties) {
    EmailProperties.Sns sns = properties.sns();
    SnsSignatureVerifier verifier =
        sns.verifySignatures() ? new SnsSignatureVerifier(Pattern.compile(sns.certificateUrlPattern())) : null;
    return new SesNotifications(dsl, verifier, Pattern.compile(sns.subscribeUrlPattern()), Set.copyOf(sns.topicArns()));
  }

  @Bean
  CapabilityWorkers emailWorkers(EmailService emails, EmailProperties properties) {
    EmailActivitiesImpl activities = new EmailActivitiesImpl(emails);
    return new CapabilityWorkers() {
      @Override
      public String taskQueue() {
        return EmailActivities.TASK_QUEUE;
      }

      @Override
      public WorkerOptions options() {
        return WorkerOptions.newBuilder()
            // One activity is one email: the server holds every worker of the queue to this rate.
            .setMaxTaskQueueActivitiesPerSecond(properties.maxPerSecond())
            .setUsingVirtualThreadsOnActivityWorker(true)
            .build();
      }

      @Override
      public void register(Worker worker) {
        worker.registerActivitiesImplementations(activities);
      }
    };
  }
}
