package io.workerplatform.host.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

class TracingEnvironmentPostProcessorTest {

  private static MockEnvironment processed(String... properties) {
    MockEnvironment environment = new MockEnvironment();
    for (int i = 0; i < properties.length; i += 2) {
      environment.setProperty(properties[i], properties[i + 1]);
    }
    new TracingEnvironmentPostProcessor().postProcessEnvironment(environment, null);
    return environment;
  }

  @Test
  void withoutACollectorTracesAreOff() {
    MockEnvironment environment = processed();
    assertThat(environment.getProperty("management.tracing.enabled")).isEqualTo("false");
    assertThat(environment.getProperty("management.opentelemetry.tracing.export.otlp.endpoint")).isNull();
    // metrics are scraped; nothing pushes them to a collector that is not there
    assertThat(environment.getProperty("management.otlp.metrics.export.enabled")).isEqualTo("false");
    // nor is OpenTelemetry set up, nor handed to Temporal's interceptors
    assertThat(environment.getProperty("spring.autoconfigure.exclude"))
        .contains("org.springframework.boot.opentelemetry.autoconfigure.OpenTelemetrySdkAutoConfiguration")
        .contains("io.temporal.spring.boot.autoconfigure.OpenTracingAutoConfiguration");
  }

  @Test
  void theOpenTelemetryVariableNamesTheCollectorWhoseTracesUrlIsDerived() {
    MockEnvironment environment = processed("OTEL_EXPORTER_OTLP_ENDPOINT", "http://otel-collector:4318/");
    assertThat(environment.getProperty("management.tracing.enabled")).isEqualTo("true");
    assertThat(environment.getProperty("management.opentelemetry.tracing.export.otlp.endpoint"))
        .isEqualTo("http://otel-collector:4318/v1/traces");
    assertThat(environment.getProperty("spring.autoconfigure.exclude")).isNull();
  }

  @Test
  void theSpringPropertyWinsAndAnExplicitSwitchIsKept() {
    MockEnvironment environment =
        processed(
            "OTEL_EXPORTER_OTLP_ENDPOINT", "http://ignored:4318",
            "management.opentelemetry.tracing.export.otlp.endpoint", "http://jaeger:4318/v1/traces",
            "management.tracing.enabled", "false");
    assertThat(environment.getProperty("management.opentelemetry.tracing.export.otlp.endpoint"))
        .isEqualTo("http://jaeger:4318/v1/traces");
    assertThat(environment.getProperty("management.tracing.enabled")).isEqualTo("false");
  }
}
