package io.workerplatform.host.temporal;

import io.temporal.serviceclient.GrpcCompression;
import io.temporal.serviceclient.RpcRetryOptions;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.spring.boot.TemporalOptionsCustomizer;
import java.time.Duration;
import java.util.Locale;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class TemporalClientConfiguration {

  /**
   * Bounds how long a client call (a workflow start from the API) keeps retrying an unreachable
   * server: the API answers 503 after this instead of hanging for the SDK's default minute.
   */
  @Bean
  TemporalOptionsCustomizer<WorkflowServiceStubsOptions.Builder> boundedRpcRetries(
      @Value("${platform.temporal.rpc-retry-expiration:5s}") Duration expiration) {
    return builder ->
        builder.setRpcRetryOptions(
            RpcRetryOptions.newBuilder()
                .setInitialInterval(Duration.ofMillis(100))
                .setMaximumInterval(Duration.ofSeconds(1))
                .setExpiration(expiration)
                .build());
  }

  /**
   * gzip on every call (the SDK's default) pays off across a network; to the embedded server on
   * loopback it only costs CPU, so embedded mode sends uncompressed unless told otherwise.
   */
  @Bean
  TemporalOptionsCustomizer<WorkflowServiceStubsOptions.Builder> grpcCompression(
      @Value("${platform.temporal.grpc-compression:}") String configured,
      @Value("${" + TemporalModeEnvironmentPostProcessor.MODE + ":remote}") String mode) {
    GrpcCompression compression =
        configured.isBlank()
            ? ("embedded".equals(mode) ? GrpcCompression.NONE : GrpcCompression.GZIP)
            : GrpcCompression.valueOf(configured.strip().toUpperCase(Locale.ROOT));
    return builder -> builder.setGrpcCompression(compression);
  }
}
