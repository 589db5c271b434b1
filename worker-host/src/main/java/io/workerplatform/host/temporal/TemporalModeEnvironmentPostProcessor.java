package io.workerplatform.host.temporal;

import java.util.HashMap;
import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Chooses the run mode before any bean exists. Without a Temporal address the host is in
 * embedded mode: it points Temporal's Spring Boot starter at the embedded server it will start,
 * and lets webhooks reach loopback receivers. The variables the {@code temporal} CLI reads
 * ({@code TEMPORAL_ADDRESS}, {@code TEMPORAL_API_KEY}, {@code TEMPORAL_TLS_CERT}, {@code
 * TEMPORAL_TLS_KEY}; {@code TEMPORAL_NAMESPACE} in application.yml) configure the remote mode.
 */
public class TemporalModeEnvironmentPostProcessor implements EnvironmentPostProcessor {
  static final String MODE = "platform.temporal.mode";

  @Override
  public void postProcessEnvironment(
      ConfigurableEnvironment environment, SpringApplication application) {
    Map<String, Object> derived = new HashMap<>();
    Map<String, Object> defaults = new HashMap<>();
    copyIfSet(environment, "TEMPORAL_ADDRESS", "spring.temporal.connection.target", derived);
    copyIfSet(environment, "TEMPORAL_API_KEY", "spring.temporal.connection.api-key", derived);
    copyIfSet(
        environment, "TEMPORAL_TLS_CERT", "spring.temporal.connection.mtls.cert-chain-file", derived);
    copyIfSet(environment, "TEMPORAL_TLS_KEY", "spring.temporal.connection.mtls.key-file", derived);
    if (derived.containsKey("spring.temporal.connection.api-key")) {
      derived.put("spring.temporal.connection.enable-https", "true");
    }
    String target =
        (String)
            derived.getOrDefault(
                "spring.temporal.connection.target",
                environment.getProperty("spring.temporal.connection.target", ""));
    if (target.isBlank()) {
      derived.put(MODE, "embedded");
      // A placeholder, resolved when bound: the port may come from a later property source.
      derived.put(
          "spring.temporal.connection.target",
          "127.0.0.1:${platform.temporal.embedded.port:" + EmbeddedTemporalServer.DEFAULT_PORT + "}");
      // Development default: webhooks may reach receivers on this machine.
      defaults.put("platform.webhooks.allow-private-addresses", "true");
    } else {
      derived.put(MODE, "remote");
    }
    // Explicit spring.temporal.* settings win over the TEMPORAL_* variables.
    environment.getPropertySources().addLast(new MapPropertySource("platformTemporalMode", derived));
    environment.getPropertySources().addLast(new MapPropertySource("platformModeDefaults", defaults));
  }

  private static void copyIfSet(
      ConfigurableEnvironment environment, String variable, String property, Map<String, Object> into) {
    String value = environment.getProperty(variable);
    if (value != null && !value.isBlank()) {
      into.put(property, value);
    }
  }
}
