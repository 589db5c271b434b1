package io.workerplatform.host.temporal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.mock.env.MockEnvironment;

class TemporalModeEnvironmentPostProcessorTest {
  private final TemporalModeEnvironmentPostProcessor processor =
      new TemporalModeEnvironmentPostProcessor();

  private MockEnvironment process(MockEnvironment environment) {
    processor.postProcessEnvironment(environment, new SpringApplication());
    return environment;
  }

  @Test
  void withoutAnAddressTheHostIsEmbeddedAndWebhooksMayReachThisMachine() {
    MockEnvironment environment = process(new MockEnvironment().withProperty("platform.temporal.embedded.port", "7301"));

    assertThat(environment.getProperty("platform.temporal.mode")).isEqualTo("embedded");
    assertThat(environment.getProperty("spring.temporal.connection.target")).isEqualTo("127.0.0.1:7301");
    assertThat(environment.getProperty("platform.webhooks.allow-private-addresses")).isEqualTo("true");
  }

  @Test
  void anExplicitSettingWinsOverTheEmbeddedDefault() {
    MockEnvironment environment =
        process(new MockEnvironment().withProperty("platform.webhooks.allow-private-addresses", "false"));

    assertThat(environment.getProperty("platform.webhooks.allow-private-addresses")).isEqualTo("false");
  }

  @Test
  void theCliVariablesConfigureTheRemoteMode() {
    MockEnvironment environment =
        process(
            new MockEnvironment()
                .withProperty("TEMPORAL_ADDRESS", "acme.a1b2c.tmprl.cloud:7233")
                .withProperty("TEMPORAL_API_KEY", "secret-key")
                .withProperty("TEMPORAL_TLS_CERT", "/certs/client.pem")
                .withProperty("TEMPORAL_TLS_KEY", "/certs/client.key"));

    assertThat(environment.getProperty("platform.temporal.mode")).isEqualTo("remote");
    assertThat(environment.getProperty("spring.temporal.connection.target")).isEqualTo("acme.a1b2c.tmprl.cloud:7233");
    assertThat(environment.getProperty("spring.temporal.connection.api-key")).isEqualTo("secret-key");
    assertThat(environment.getProperty("spring.temporal.connection.enable-https")).isEqualTo("true");
    assertThat(environment.getProperty("spring.temporal.connection.mtls.cert-chain-file")).isEqualTo("/certs/client.pem");
    assertThat(environment.getProperty("spring.temporal.connection.mtls.key-file")).isEqualTo("/certs/client.key");
    assertThat(environment.getProperty("platform.webhooks.allow-private-addresses")).isNull();
  }

  @Test
  void anExplicitTargetWinsOverTheVariable() {
    MockEnvironment environment =
        process(
            new MockEnvironment()
                .withProperty("TEMPORAL_ADDRESS", "from-variable:7233")
                .withProperty("spring.temporal.connection.target", "from-property:7233"));

    assertThat(environment.getProperty("platform.temporal.mode")).isEqualTo("remote");
    assertThat(environment.getProperty("spring.temporal.connection.target")).isEqualTo("from-property:7233");
  }
}
