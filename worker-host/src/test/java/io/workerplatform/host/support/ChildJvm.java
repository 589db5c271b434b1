package io.workerplatform.host.support;

import io.workerplatform.host.WorkerHostApplication;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A worker host (or its embedded Temporal server alone) in a JVM of its own, started from the
 * test classpath, for tests that kill it with SIGKILL and start it again.
 */
public final class ChildJvm implements AutoCloseable {
  private final Process process;
  private final Path log;

  private ChildJvm(Process process, Path log) {
    this.process = process;
    this.log = log;
  }

  /** {@code temporal-server <port>}: only the embedded Temporal server, until killed. */
  public static ChildJvm temporalServer(int port) {
    ChildJvm server = start("temporal-server", List.of("temporal-server", Integer.toString(port)));
    server.awaitPort(port, Duration.ofSeconds(60));
    return server;
  }

  /** A worker host with these {@code name=value} properties, once its health is UP. */
  public static ChildJvm workerHost(int httpPort, List<String> properties) {
    return workerHost(httpPort, properties, "512m");
  }

  /** A worker host with a maximum heap of {@code heap} ({@code -Xmx}), once its health is UP. */
  public static ChildJvm workerHost(int httpPort, List<String> properties, String heap) {
    List<String> args = new ArrayList<>(List.of("--server.port=" + httpPort, "--logging.level.root=warn"));
    properties.forEach(p -> args.add("--" + p));
    ChildJvm host = start("worker-host", "-Xmx" + heap, args);
    host.awaitHealthy(httpPort, Duration.ofSeconds(90));
    return host;
  }

  private static ChildJvm start(String name, List<String> args) {
    return start(name, "-Xmx512m", args);
  }

  private static ChildJvm start(String name, String maxHeap, List<String> args) {
    try {
      Path log = Files.createTempFile(name, ".log");
      List<String> command = new ArrayList<>();
      command.add(ProcessHandle.current().info().command().orElse("java"));
      command.add(maxHeap);
      command.add("-XX:TieredStopAtLevel=1"); // starts faster; these processes live seconds
      command.add("-cp");
      command.add(System.getProperty("java.class.path"));
      command.add(WorkerHostApplication.class.getName());
      command.addAll(args);
      Process process =
          new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
      return new ChildJvm(process, log);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** SIGKILL: no shutdown hook, no drain, nothing finishes. */
  public void kill() {
    process.destroyForcibly();
    try {
      process.waitFor();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  public String log() {
    try {
      return Files.readString(log);
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  private void awaitPort(int port, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      failIfExited();
      try (Socket ignored = new Socket("127.0.0.1", port)) {
        return;
      } catch (IOException notYet) {
        pause();
      }
    }
    throw new IllegalStateException("port " + port + " not open in " + timeout + "; log:\n" + log());
  }

  private void awaitHealthy(int httpPort, Duration timeout) {
    HttpClient http = HttpClient.newHttpClient();
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      failIfExited();
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
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
      pause();
    }
    throw new IllegalStateException("worker host not healthy in " + timeout + "; log:\n" + log());
  }

  private void failIfExited() {
    if (!process.isAlive()) {
      throw new IllegalStateException("process exited with " + process.exitValue() + "; log:\n" + log());
    }
  }

  private static void pause() {
    try {
      Thread.sleep(100);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    kill();
  }
}
