package io.workerplatform.host.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.temporal.worker.MetricsType;
import io.workerplatform.common.PlatformMetrics;
import java.io.Reader;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The development stack's files, checked here where no Docker engine runs: every service restarts
 * and reports its health, the worker host is built from its Dockerfile (JRE 21, not root, health
 * from the actuator), every file mounted exists, the dashboard and alert rules name only series
 * that the worker host exports, and the stack is no open door: only the API is published beyond
 * loopback, no password is written in the file, the SSRF guard stays on, Grafana asks for a login.
 */
class DevStackFilesTest {
  private static final Path DEV = Path.of("../temporal-dev");
  private static final Pattern SERIES = Pattern.compile("\\b((?:platform|temporal)_[a-z_]+)\\b");
  private static final Pattern PROMETHEUS_SUFFIX = Pattern.compile("_(total|seconds_bucket|seconds_count|seconds_sum|seconds|bucket|count|sum)$");

  @SuppressWarnings("unchecked")
  private static Map<String, Map<String, Object>> services() throws Exception {
    try (Reader reader = Files.newBufferedReader(DEV.resolve("docker-compose.yml"))) {
      Map<String, Object> compose = new Yaml().load(reader);
      return (Map<String, Map<String, Object>>) compose.get("services");
    }
  }

  @Test
  void everyServiceRestartsAndReportsItsHealthOrIsAOneShotOthersWaitFor() throws Exception {
    Map<String, Map<String, Object>> services = services();
    assertThat(services).containsKeys("temporal", "temporal-ui", "worker-host", "prometheus", "grafana", "jaeger");
    Set<String> awaitedOneShots = new HashSet<>();
    services.values().forEach(service -> {
      if (service.get("depends_on") instanceof Map<?, ?> dependencies) {
        dependencies.forEach((name, condition) -> {
          if (condition.toString().contains("service_completed_successfully")) {
            awaitedOneShots.add(name.toString());
          }
        });
      }
    });
    services.forEach((name, service) -> {
      assertThat(service).as(name).containsKey("restart");
      if ("on-failure".equals(service.get("restart"))) {
        assertThat(awaitedOneShots).as(name + " is a one-shot some service waits for").contains(name);
      } else {
        assertThat(service).as(name + " healthcheck").containsKey("healthcheck");
      }
    });
  }

  /** Variables that hold a credential: their value must come from the environment. */
  private static final Pattern CREDENTIAL = Pattern.compile("(?i).*(PASSWORD|PWD|SECRET|TOKEN|_KEY|_KEYS)$");
  /** Required ({@code :?}), or optional with nothing as its default ({@code :-}). */
  private static final Pattern FROM_ENVIRONMENT = Pattern.compile("\\$\\{[A-Z0-9_]+(:\\?[^}]*|:-)}");

  /** A service's environment as a map, whether the file writes it as a list or a map. */
  private static Map<String, String> environment(Map<String, Object> service) {
    Map<String, String> variables = new java.util.TreeMap<>();
    if (service.get("environment") instanceof List<?> list) {
      list.forEach(entry -> {
        String[] pair = entry.toString().split("=", 2);
        variables.put(pair[0], pair.length > 1 ? pair[1] : "");
      });
    } else if (service.get("environment") instanceof Map<?, ?> map) {
      map.forEach((name, value) -> variables.put(name.toString(), value == null ? "" : value.toString()));
    }
    return variables;
  }

  @Test
  void onlyTheWorkerHostsApiIsPublishedBeyondLoopback() throws Exception {
    List<String> open = new ArrayList<>();
    services().forEach((name, service) -> {
      if (service.get("ports") instanceof List<?> ports) {
        for (Object port : ports) {
          boolean api = name.equals("worker-host") && port.toString().equals("8080:8080");
          if (!api && !port.toString().startsWith("127.0.0.1:")) {
            open.add(name + " " + port);
          }
        }
      }
    });
    assertThat(open).isEmpty();
    assertThat(services().get("temporal").get("ports").toString()).contains("127.0.0.1:7233:7233");
  }

  @Test
  void noPasswordIsWrittenInTheFileEachComesFromTheEnvironment() throws Exception {
    List<String> literal = new ArrayList<>();
    Set<String> credentials = new HashSet<>();
    services().forEach((name, service) -> environment(service).forEach((variable, value) -> {
      if (CREDENTIAL.matcher(variable).matches()) {
        credentials.add(variable);
        // the local SES server wants a signed request and checks no key: a mock, only while SES is local
        boolean localSesMock = variable.equals("AWS_SECRET_ACCESS_KEY")
            && "http://ses-local:8005".equals(environment(service).get("SES_ENDPOINT"));
        if (!localSesMock && !FROM_ENVIRONMENT.matcher(value).matches()) {
          literal.add(name + " " + variable + "=" + value);
        }
      }
    }));
    assertThat(literal).isEmpty();
    assertThat(credentials).contains(
        "POSTGRES_PASSWORD", "POSTGRES_PWD", "DATABASE_PASSWORD", "GF_SECURITY_ADMIN_PASSWORD", "PLATFORM_ADMIN_TOKEN",
        "PLATFORM_SECRETS_KEY");
    // the required ones are the README's export line, so that line starts the stack as written
    String readme = Files.readString(DEV.resolve("../README.md"));
    Matcher required = Pattern.compile("\\$\\{([A-Z0-9_]+):\\?").matcher(Files.readString(DEV.resolve("docker-compose.yml")));
    while (required.find()) {
      assertThat(readme).as(required.group(1) + " in the README's export line").contains(required.group(1) + "=$(openssl rand");
    }
  }

  @Test
  void theWebhookSsrfGuardStaysOnAndGrafanaAsksForALogin() throws Exception {
    Map<String, String> host = environment(services().get("worker-host"));
    assertThat(host.getOrDefault("PLATFORM_WEBHOOKS_ALLOW_PRIVATE_ADDRESSES", "false")).isEqualTo("false");
    assertThat(host).containsKey("PLATFORM_WEBHOOKS_ALLOWED_HOSTS");
    Map<String, String> grafana = environment(services().get("grafana"));
    assertThat(grafana).containsEntry("GF_AUTH_ANONYMOUS_ENABLED", "false").containsKey("GF_SECURITY_ADMIN_PASSWORD");
  }

  @Test
  void theWorkerHostIsBuiltFromItsDockerfileOnAJre21RunsAsANonRootUserAndReportsItsHealth() throws Exception {
    Map<String, Object> workerHost = services().get("worker-host");
    @SuppressWarnings("unchecked")
    Map<String, Object> build = (Map<String, Object>) workerHost.get("build");
    assertThat(build).containsEntry("context", "..").containsEntry("dockerfile", "worker-host/Dockerfile");
    List<String> dockerfile = Files.readAllLines(DEV.resolve("..").resolve("worker-host/Dockerfile"));
    assertThat(dockerfile).anyMatch(l -> l.equals("FROM eclipse-temurin:21-jre"));
    assertThat(dockerfile).anyMatch(l -> l.startsWith("COPY") && l.contains("worker-host/target/worker-host-*-exec.jar"));
    String user = dockerfile.stream().filter(l -> l.startsWith("USER ")).findFirst().orElseThrow();
    assertThat(user).doesNotContain("root").doesNotContain(" 0");
    assertThat(String.join("\n", dockerfile)).contains("HEALTHCHECK").contains("/actuator/health");
    assertThat(workerHost.get("environment").toString())
        .contains("PLATFORM_TEMPORAL_UI_URL=http://localhost:8233")
        .contains("OTEL_EXPORTER_OTLP_ENDPOINT=http://jaeger:4318");
  }

  @Test
  void everyFileMountedIntoAServiceExists() throws Exception {
    List<String> mounted = new ArrayList<>();
    services().values().forEach(service -> {
      if (service.get("volumes") instanceof List<?> volumes) {
        volumes.stream().map(Object::toString).filter(v -> v.startsWith("./")).forEach(v -> mounted.add(v.split(":")[0]));
      }
    });
    assertThat(mounted).contains("./prometheus/prometheus.yml", "./grafana/dashboards", "./grafana/provisioning");
    mounted.forEach(path -> assertThat(DEV.resolve(path)).as(path).exists());
    String prometheus = Files.readString(DEV.resolve("prometheus/prometheus.yml"));
    assertThat(prometheus).contains("worker-host:8080").contains("/actuator/prometheus").contains("credentials_file");
  }

  @Test
  void theDashboardAndTheAlertsNameOnlySeriesTheHostExports() throws Exception {
    JsonNode dashboard = JsonMapper.builder().build().readTree(DEV.resolve("grafana/dashboards/worker-platform.json").toFile());
    assertThat(dashboard.get("uid").asString()).isEqualTo("worker-platform");
    List<String> expressions = new ArrayList<>();
    Set<Integer> ids = new HashSet<>();
    for (JsonNode panel : dashboard.get("panels")) {
      assertThat(ids.add(panel.get("id").asInt())).as("panel ids are unique").isTrue();
      assertThat(panel.has("gridPos")).isTrue();
      for (JsonNode target : panel.path("targets")) {
        assertThat(target.get("datasource").get("uid").asString()).isEqualTo("prometheus");
        expressions.add(target.get("expr").asString());
      }
    }
    assertThat(Files.readString(DEV.resolve("grafana/provisioning/datasources/prometheus.yml"))).contains("uid: prometheus");
    Matcher alert = Pattern.compile("expr: (.*(?:\\n {10}.*)*)").matcher(Files.readString(DEV.resolve("prometheus/alerts.yml")));
    while (alert.find()) {
      expressions.add(alert.group(1));
    }
    assertThat(expressions).hasSizeGreaterThan(15);

    Set<String> exported = exportedSeries();
    Set<String> named = new HashSet<>();
    for (String expression : expressions) {
      Matcher series = SERIES.matcher(expression);
      while (series.find()) {
        named.add(series.group(1));
      }
    }
    assertThat(named).contains("platform_webhook_attempts_total", "temporal_num_pollers", "platform_cron_last_success_seconds");
    for (String series : named) {
      String meter = PROMETHEUS_SUFFIX.matcher(series).replaceFirst("");
      assertThat(exported.contains(series) || exported.contains(meter)).as(series + " is exported").isTrue();
    }
  }

  /** The platform's series as Prometheus sees them (every meter used once) and the SDK's meter names. */
  private static Set<String> exportedSeries() throws Exception {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    PlatformMetrics metrics = new PlatformMetrics(registry, false);
    metrics.webhookAttempt("org", "DELIVERED", 200, Duration.ofMillis(5));
    metrics.webhookDeliveryEnded("org", "DELIVERED");
    metrics.emailDecided("org", "SENT", null);
    metrics.bulkSendEnded("org", "COMPLETED");
    metrics.signatureEnded("org", "COMPLETED");
    metrics.anonymized("contacts", 1);
    metrics.anonymizerBatch("contacts", Duration.ofMillis(3));
    metrics.cronRun("anonymizer", "SUCCEEDED");
    metrics.relayStart("webhooks", "STARTED");
    io.micrometer.core.instrument.Gauge.builder("platform.cron.last.success", () -> 1.0).baseUnit("seconds").register(registry);
    Set<String> exported = new HashSet<>();
    for (String line : registry.scrape().split("\n")) {
      if (!line.startsWith("#") && !line.isBlank()) {
        exported.add(line.split("[{ ]")[0]);
      }
    }
    for (Field field : MetricsType.class.getFields()) {
      if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) {
        exported.add((String) field.get(null));
      }
    }
    return exported;
  }
}
