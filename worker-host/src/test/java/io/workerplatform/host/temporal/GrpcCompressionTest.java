package io.workerplatform.host.temporal;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.serviceclient.GrpcCompression;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import org.junit.jupiter.api.Test;

class GrpcCompressionTest {
  private final TemporalClientConfiguration configuration = new TemporalClientConfiguration();

  private GrpcCompression chosen(String configured, String mode) {
    WorkflowServiceStubsOptions.Builder builder = WorkflowServiceStubsOptions.newBuilder();
    return configuration.grpcCompression(configured, mode).customize(builder).build().getGrpcCompression();
  }

  @Test
  void loopbackToTheEmbeddedServerIsNotCompressed() {
    assertThat(chosen("", "embedded")).isEqualTo(GrpcCompression.NONE);
  }

  @Test
  void aRemoteServerKeepsTheSdkDefaultGzip() {
    assertThat(chosen("", "remote")).isEqualTo(GrpcCompression.GZIP);
  }

  @Test
  void aConfiguredChoiceWinsInEitherMode() {
    assertThat(chosen("gzip", "embedded")).isEqualTo(GrpcCompression.GZIP);
    assertThat(chosen("none", "remote")).isEqualTo(GrpcCompression.NONE);
  }
}
