package io.workerplatform.benchmarks;

import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.client.WorkflowClient;
import io.temporal.api.history.v1.History;
import io.temporal.api.history.v1.HistoryEvent;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.UUID;
import java.util.Base64;
import java.security.SecureRandom;

/**
 * The worker host as users run it: a JVM of its own in embedded mode, so its memory is measured
 * alone and every scenario gets a freshly started embedded Temporal server.
 */
public final class HostProcess implements AutoCloseable {
  static final String HEAP = System.getProperty("bench.host.heap", "512m");
  /** The admin token of every host this benchmark starts (scenarios set up through the API with it). */
  public static final String ADMIN_TOKEN = "bench-admin-" + UUID.randomUUID();

  public final int httpPort;
  final int temporalPort;
  private final Process process;
  private final Path log;

  private HostProcess(Process process, int httpPort, int temporalPort, Path log) {
    this.process = process;
    this.httpPort = httpPort;
    this.temporalPort = temporalPort;
    this.log = log;
  }

  static HostProcess start(String schema) throws IOException, InterruptedException {
    return start(schema, List.of());
  }

  /** With extra {@code --name=value} arguments. */
  static HostProcess start(String schema, List<String> arguments) throws IOException, InterruptedException {
    return start(schema, arguments, HEAP);
  }

  /** With its own maximum heap ({@code -Xmx}). */
  static HostProcess start(String schema, List<String> arguments, String heap) throws IOException, InterruptedException {
    return start(schema, arguments, heap, Ports.free(), true);
  }

  /**
   * A host in remote mode against the Temporal server on {@code temporalPort} (a process of its
   * own, which outlives the host), with the platform keys every remote host must share.
   */
  public static HostProcess startRemote(String schema, int temporalPort, List<String> arguments)
      throws IOException, InterruptedException {
    List<String> remote = new ArrayList<>(arguments);
    remote.add("--spring.temporal.connection.target=127.0.0.1:" + temporalPort);
    return start(schema, remote, HEAP, temporalPort, false);
  }

  /**
   * One key for every key of the hosts of a run (they only need to agree); given to embedded hosts
   * too, so that a run leaves no generated keys behind.
   */
  private static final String KEY =
      Base64.getEncoder().encodeToString(new SecureRandom().generateSeed(32));

  private static HostProcess start(String schema, List<String> arguments, String heap, int temporalPort, boolean embedded)
      throws IOException, InterruptedException {
    int httpPort = Ports.free();
    Path log = Files.createTempFile("worker-host-bench", ".log");
    List<String> command = new ArrayList<>();
    command.add(ProcessHandle.current().info().command().orElse("java"));
    command.add("-Xmx" + heap);
    String extra = System.getProperty("bench.host.jvm-args", "");
    if (!extra.isBlank()) {
      command.addAll(List.of(extra.strip().split("\\s+")));
    }
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add("io.workerplatform.host.WorkerHostApplication");
    command.add("--server.port=" + httpPort);
    if (embedded) {
      command.add("--platform.temporal.embedded.port=" + temporalPort);
    }
    command.add("--platform.db.schema=" + schema);
    command.add("--logging.level.root=warn");
    command.add("--platform.api.admin-token=" + ADMIN_TOKEN);
    command.add("--platform.keys.callback=" + KEY);
    command.add("--platform.keys.suppression=" + KEY);
    command.add("--platform.keys.secrets=" + KEY);
    command.addAll(arguments);
    Process process =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    HostProcess host = new HostProcess(process, httpPort, temporalPort, log);
    host.awaitHealthy(Duration.ofSeconds(90));
    return host;
  }

  private void awaitHealthy(Duration timeout) throws InterruptedException, IOException {
    HttpClient http = HttpClient.newHttpClient();
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("worker host exited; log: " + Files.readString(log));
      }
      try {
        HttpResponse<String> health =
            http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/actuator/health")).build(),
                HttpResponse.BodyHandlers.ofString());
        if (health.statusCode() == 200) {
          return;
        }
      } catch (IOException notYet) {
        // still starting
      }
      Thread.sleep(200);
    }
    throw new IllegalStateException("worker host not healthy in " + timeout + "; log: " + log);
  }

  /**
   * Which workers started the activities of every run of a workflow: activity tasks per worker
   * identity ({@code <pid>@<host>}), following the continue-as-new chain back.
   */
  Map<String, Long> activityWorkers(String workflowId) {
    WorkflowServiceStubs stubs =
        WorkflowServiceStubs.newServiceStubs(
            WorkflowServiceStubsOptions.newBuilder().setTarget("127.0.0.1:" + temporalPort).build());
    try {
      WorkflowClient client = WorkflowClient.newInstance(stubs);
      Map<String, Long> workers = new TreeMap<>();
      History history = client.fetchHistory(workflowId).getHistory();
      while (true) {
        history.getEventsList().stream()
            .filter(HistoryEvent::hasActivityTaskStartedEventAttributes)
            .forEach(e -> workers.merge(e.getActivityTaskStartedEventAttributes().getIdentity(), 1L, Long::sum));
        String previous =
            history.getEvents(0).getWorkflowExecutionStartedEventAttributes().getContinuedExecutionRunId();
        if (previous.isEmpty()) {
          return workers;
        }
        history = client.fetchHistory(workflowId, previous).getHistory();
      }
    } finally {
      stubs.shutdownNow();
    }
  }

  /** Events of every run of a workflow, following the continue-as-new chain back, newest run first. */
  long[] historyEvents(String workflowId) {
    WorkflowServiceStubs stubs =
        WorkflowServiceStubs.newServiceStubs(
            WorkflowServiceStubsOptions.newBuilder().setTarget("127.0.0.1:" + temporalPort).build());
    try {
      WorkflowClient client = WorkflowClient.newInstance(stubs);
      List<Long> runs = new ArrayList<>();
      History history = client.fetchHistory(workflowId).getHistory();
      while (true) {
        runs.add((long) history.getEventsCount());
        String previous =
            history.getEvents(0).getWorkflowExecutionStartedEventAttributes().getContinuedExecutionRunId();
        if (previous.isEmpty()) {
          break;
        }
        history = client.fetchHistory(workflowId, previous).getHistory();
      }
      return runs.stream().mapToLong(Long::longValue).toArray();
    } finally {
      stubs.shutdownNow();
    }
  }

  /** Peak resident set size of the host process (VmHWM), in MiB. */
  long peakRssMiB() throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc/" + process.pid() + "/status"))) {
      if (line.startsWith("VmHWM:")) {
        return Long.parseLong(line.replaceAll("\\D", "")) / 1024;
      }
    }
    return -1;
  }

  /** CPU seconds (user + system) the host process used so far. */
  double cpuSeconds() {
    return process.toHandle().info().totalCpuDuration().map(d -> d.toMillis() / 1000.0).orElse(-1.0);
  }

  /** SIGKILL: no shutdown hook, nothing finishes. */
  public void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor();
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy(); // SIGTERM: the graceful path
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
    new File(log.toString()).delete();
  }
}
