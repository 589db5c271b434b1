package io.workerplatform.host.tracing;

import java.util.HashMap;
import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Traces are off unless there is somewhere to send them: {@code OTEL_EXPORTER_OTLP_ENDPOINT} (the
 * OpenTelemetry variable, a collector's base URL; traces go to its {@code /v1/traces}) or {@code
 * management.opentelemetry.tracing.export.otlp.endpoint} turns them on, as does {@code
 * management.tracing.enabled=true} (tests export to memory). Off, no span is recorded.
 */
public class TracingEnvironmentPostProcessor implements EnvironmentPostProcessor {
  static final String ENDPOINT = "management.opentelemetry.tracing.export.otlp.endpoint";
  static final String ENABLED = "management.tracing.enabled";

  @Override
  public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
    Map<String, Object> derived = new HashMap<>();
    String endpoint = environment.getProperty(ENDPOINT, "");
    String variable = environment.getProperty("OTEL_EXPORTER_OTLP_ENDPOINT", "");
    if (endpoint.isBlank() && !variable.isBlank()) {
      endpoint = variable.strip().replaceAll("/+$", "") + "/v1/traces";
      derived.put(ENDPOINT, endpoint);
    }
    if (environment.getProperty(ENABLED) == null) {
      derived.put(ENABLED, Boolean.toString(!endpoint.isBlank()));
    }
    environment.getPropertySources().addLast(new MapPropertySource("platformTracing", derived));
  }
}
