package io.workerplatform.host.signature;

import io.workerplatform.work.WorkKind;
import io.workerplatform.signature.SignatureWork;
import io.workerplatform.signature.SignaturePersonalData;
import io.workerplatform.common.PlatformMetrics;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerOptions;
import io.workerplatform.events.PlatformEvents;
import io.workerplatform.files.FileStore;
import io.workerplatform.host.workers.CapabilityWorkers;
import io.workerplatform.signature.CallbackTokens;
import io.workerplatform.signature.AccessTokenSource;
import io.workerplatform.signature.DocuSignClient;
import io.workerplatform.signature.DocuSignConnect;
import io.workerplatform.signature.SignatureActivitiesImpl;
import io.workerplatform.signature.SignatureProvider;
import io.workerplatform.signature.SignatureProviders;
import io.workerplatform.signature.SignatureStore;
import io.workerplatform.signature.SignatureWorkflow;
import io.workerplatform.signature.SignatureWorkflowImpl;
import io.workerplatform.signature.SignaturitClient;
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
