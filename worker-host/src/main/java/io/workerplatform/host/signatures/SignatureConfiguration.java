package io.workerplatform.host.signatures;

import io.workerplatform.work.WorkKind;
import io.workerplatform.signatures.SignatureWork;
import io.workerplatform.signatures.SignaturePersonalData;
import io.workerplatform.common.PlatformMetrics;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerOptions;
import io.workerplatform.events.PlatformEvents;
import io.workerplatform.files.FileStore;
import io.workerplatform.host.workers.CapabilityWorkers;
import io.workerplatform.signatures.CallbackTokens;
import io.workerplatform.signatures.AccessTokenSource;
import io.workerplatform.signatures.DocuSignClient;
import io.workerplatform.signatures.DocuSignConnect;
import io.workerplatform.signatures.SignatureActivitiesImpl;
import io.workerplatform.signatures.SignatureProvider;
import io.workerplatform.signatures.SignatureProviders;
import io.workerplatform.signatures.SignatureStore;
import io.workerplatform.signatures.SignatureWorkflow;
import io.workerplatform.signatures.SignatureWorkflowImpl;
import io.workerplatform.signatures.SignaturitClient;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import org.jooq.DSLContext;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every {@link SignatureProvider} bean is a provider requests can name: the two built-in ones
 * appear when their credentials are configured, and a third is one more bean.
 */
@Configuration(proxyBeanMethods = false)
class SignatureConfiguration {

  @Bean
  SignatureStore signatureStore(DSLContext dsl, Clock clock) {
    return new SignatureStore(dsl, clock);
  }

  @Bean
  @ConditionalOnExpression("'${platform.signatures.signaturit.token:}' != ''")
  SignaturitClient signaturitClient(SignatureProperties properties, JsonMapper json) {
    return new SignaturitClient(
        URI.create(properties.signaturit().baseUrl()), properties.signaturit().token(), properties.requestTimeout(),
        json);
  }

  @Bean
  @ConditionalOnMissingBean
  @ConditionalOnExpression("'${platform.signatures.docusign.account-id:}' != ''")
  AccessTokenSource docuSignAccessToken(SignatureProperties properties) {
    String token = properties.docusign().accessToken();
    return () -> token;
  }

  @Bean
  @ConditionalOnExpression("'${platform.signatures.docusign.account-id:}' != ''")
  DocuSignClient docuSignClient(SignatureProperties properties, AccessTokenSource tokens, JsonMapper json) {
    var docusign = properties.docusign();
    return new DocuSignClient(
        URI.create(docusign.baseUrl()), docusign.accountId(), tokens, properties.requestTimeout(), json);
  }

  @Bean
  DocuSignConnect docuSignConnect(SignatureProperties properties) {
    return new DocuSignConnect(properties.docusign().hmacKeys());
  }

  @Bean
  SignatureProviders signatureProviders(List<SignatureProvider> providers) {
    return new SignatureProviders(providers);
  }

  @Bean
  CapabilityWorkers signatureWorkers(
      SignatureStore store,
      FileStore files,
      SignatureProviders providers,
      PlatformEvents events,
      SignatureProperties properties,
      CallbackTokens callbackTokens,
      JsonMapper json,
      PlatformMetrics metrics) {
    var activities =
        new SignatureActivitiesImpl(
            store, files, providers, events, properties.callbackBaseUrl(), callbackTokens, json, metrics);
    return new CapabilityWorkers() {
      @Override
      public String taskQueue() {
        return SignatureWorkflow.TASK_QUEUE;
      }

      @Override
      public WorkerOptions options() {
        return WorkerOptions.newBuilder().build();
      }

      @Override
      public void register(Worker worker) {
        worker.registerWorkflowImplementationTypes(SignatureWorkflowImpl.class);
        worker.registerActivitiesImplementations(activities);
      }
    };
  }

  @Bean
  SignaturePersonalData signaturePersonalData(DSLContext dsl) {
    return new SignaturePersonalData(dsl);
  }

  @Bean
  WorkKind<SignatureWork.SignatureRequest> signatureWork() {
    return SignatureWork.KIND;
  }
}
