package io.workerplatform.host.tracing;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Traces are off unless there is somewhere to send them: {@code OTEL_EXPORTER_OTLP_ENDPOINT} (the
 * OpenTelemetry variable, a collector's base URL; traces go to its {@code /v1/traces}) or {@code
 * management.opentelemetry.tracing.export.otlp.endpoint} turns them on, as does {@code
 * management.tracing.enabled=true} (tests export to memory). Off, no span is recorded and
 * OpenTelemetry is not set up at all: its SDK and Temporal's tracing interceptors cost every
 * delivery CPU and the host memory for nothing.
 */
public class TracingEnvironmentPostProcessor implements EnvironmentPostProcessor {
  static final String ENDPOINT = "management.opentelemetry.tracing.export.otlp.endpoint";
  static final String ENABLED = "management.tracing.enabled";
  static final String EXCLUDE = "spring.autoconfigure.exclude";
  /**
   * Metrics go to Prometheus (the scrape endpoint); the OpenTelemetry starter would also push them
   * over OTLP every minute to a collector on localhost, logging a warning each time none answers.
   */
  static final String OTLP_METRICS = "management.otlp.metrics.export.enabled";

  /** What sets up OpenTelemetry (Spring Boot's) and hands it to Temporal (the starter's shim). */
  static final List<String> OFF_WITHOUT_TRACING =
      List.of(
          "org.springframework.boot.opentelemetry.autoconfigure.OpenTelemetrySdkAutoConfiguration",
          "org.springframework.boot.opentelemetry.autoconfigure.logging.OpenTelemetryLoggingAutoConfiguration",
          "org.springframework.boot.opentelemetry.autoconfigure.logging.otlp.OtlpLoggingAutoConfiguration",
          "org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.OpenTelemetryTracingAutoConfiguration",
          "org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.otlp.OtlpTracingAutoConfiguration",
          "org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.zipkin.ZipkinWithOpenTelemetryTracingAutoConfiguration",
          "io.temporal.spring.boot.autoconfigure.OpenTracingAutoConfiguration",
          // and Micrometer Tracing's handlers, which otherwise run on every observation with a no-op tracer
          "org.springframework.boot.micrometer.tracing.autoconfigure.MicrometerTracingAutoConfiguration",
          "org.springframework.boot.micrometer.tracing.autoconfigure.NoopTracerAutoConfiguration",
          "org.springframework.boot.micrometer.tracing.autoconfigure.otlp.OtlpExemplarsAutoConfiguration",
          "org.springframework.boot.micrometer.tracing.autoconfigure.prometheus.PrometheusExemplarsAutoConfiguration");

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
    boolean enabled = Boolean.parseBoolean(environment.getProperty(ENABLED, (String) derived.get(ENABLED)));
    if (environment.getProperty(OTLP_METRICS) == null) {
      derived.put(OTLP_METRICS, "false");
    }
    if (!enabled && environment.getProperty(EXCLUDE) == null) {
      derived.put(EXCLUDE, String.join(",", OFF_WITHOUT_TRACING));
    }
    environment.getPropertySources().addLast(new MapPropertySource("platformTracing", derived));
  }
}
