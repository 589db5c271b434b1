package io.workerplatform.host.signatures;

import static org.assertj.core.api.Assertions.assertThat;

import io.workerplatform.events.PlatformEvents;
import io.workerplatform.common.PlatformMetrics;
import io.workerplatform.files.FileStore;
import io.workerplatform.signatures.CallbackTokens;
import io.workerplatform.files.LocalDirectoryFileStorage;
import io.workerplatform.signatures.AccessTokenSource;
import io.workerplatform.signatures.SignatureProvider;
import io.workerplatform.signatures.SignatureProviders;
import java.nio.file.Path;
import java.time.Clock;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

/** Which providers a configuration yields; a third provider is one more bean. */
class SignatureConfigurationTest {

  @Configuration(proxyBeanMethods = false)
  @EnableConfigurationProperties(SignatureProperties.class)
  static class Properties {}

  private final ApplicationContextRunner runner =
      new ApplicationContextRunner()
          .withUserConfiguration(Properties.class, SignatureConfiguration.class)
          // the JSON mapper the host injects, as Spring Boot configures it
          .withConfiguration(AutoConfigurations.of(JacksonAutoConfiguration.class))
          .withBean(DSLContext.class, () -> DSL.using(SQLDialect.POSTGRES))
          .withBean(Clock.class, Clock::systemUTC)
          .withBean(FileStore.class, () -> new FileStore(DSL.using(SQLDialect.POSTGRES), new LocalDirectoryFileStorage(Path.of("target/unused")), Clock.systemUTC()))
          .withBean(PlatformEvents.class, () -> event -> {})
          .withBean(CallbackTokens.class, () -> new CallbackTokens(new byte[32]))
          .withBean(PlatformMetrics.class, PlatformMetrics::none);

  @Test
  void noCredentialsNoProviders() {
    runner.run(context -> assertThat(context.getBean(SignatureProviders.class).names()).isEmpty());
  }

  @Test
  void eachProviderAppearsWithItsCredentials() {
    runner
        .withPropertyValues(
            "platform.signatures.signaturit.token=t",
            "platform.signatures.docusign.account-id=acct",
            "platform.signatures.docusign.access-token=fixed")
        .run(context -> {
          assertThat(context.getBean(SignatureProviders.class).names()).containsExactlyInAnyOrder("signaturit", "docusign");
          assertThat(context.getBean(AccessTokenSource.class).accessToken()).isEqualTo("fixed");
        });
  }

  @Test
  void aThirdProviderIsOneMoreBeanAndTheApplicationsTokenSourceWins() {
    SignatureProvider third = new SignatureProvider() {
      public String name() { return "adobe-sign"; }
      public CreatedProcess create(NewProcess process) { throw new UnsupportedOperationException(); }
      public void remind(ProcessRef process) {}
      public void cancel(ProcessRef process) {}
      public String state(ProcessRef process) { return "AWAITING_SIGNATURES"; }
      public byte[] downloadSigned(ProcessRef process) { return new byte[0]; }
    };
    runner
        .withPropertyValues("platform.signatures.docusign.account-id=acct")
        .withBean("adobeSign", SignatureProvider.class, () -> third)
        .withBean(AccessTokenSource.class, () -> () -> "from-jwt-grant")
        .run(context -> {
          assertThat(context.getBean(SignatureProviders.class).names()).containsExactlyInAnyOrder("docusign", "adobe-sign");
          assertThat(context.getBean(SignatureProviders.class).get("adobe-sign")).isSameAs(third);
          assertThat(context.getBean(AccessTokenSource.class).accessToken()).isEqualTo("from-jwt-grant");
        });
  }
}
