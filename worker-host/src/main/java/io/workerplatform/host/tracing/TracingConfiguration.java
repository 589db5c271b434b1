package io.workerplatform.host.tracing;

import io.opentracing.Tracer;
import io.temporal.opentracing.OpenTracingOptions;
import io.temporal.opentracing.OpenTracingWorkerInterceptor;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * One trace from the REST call to the outgoing request: Spring MVC's observation is the root span
 * (Micrometer Tracing over OpenTelemetry); Temporal's client interceptor, added by its starter from
 * the OpenTracing shim over the same OpenTelemetry, carries it in the workflow's headers; this
 * worker interceptor continues it in the workflow and its activities, where the outgoing calls are
 * observed (PlatformMetrics.observe).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = TracingEnvironmentPostProcessor.ENABLED, havingValue = "true")
class TracingConfiguration {

  /** The Tracer is the starter's OpenTracing shim over the OpenTelemetry that tracing set up. */
  @Bean
  OpenTracingWorkerInterceptor temporalTracingWorkerInterceptor(Tracer tracer) {
    return new OpenTracingWorkerInterceptor(OpenTracingOptions.newBuilder().setTracer(tracer).build());
  }
}
