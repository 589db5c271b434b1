package io.workerplatform.benchmarks;

import java.io.IOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The embedded Temporal server (Temporal's Java test server) in a process of its own, as the worker
 * host runs it with {@code temporal-server <port>}: worker hosts pointed at it can be killed and
 * started again while the workflows' state lives on.
 */
public final class TemporalServerProcess implements AutoCloseable {
  public final int port;
  private final Process process;
  private final Path log;

  private TemporalServerProcess(Process process, int port, Path log) {
    this.process = process;
    this.port = port;
    this.log = log;
  }

  public static TemporalServerProcess start() throws IOException, InterruptedException {
    int port = Ports.free();
    Path log = Files.createTempFile("temporal-server", ".log");
    Process process =
        new ProcessBuilder(
                List.of(
                    ProcessHandle.current().info().command().orElse("java"), "-Xmx1g", "-cp",
                    System.getProperty("java.class.path"), "io.workerplatform.host.WorkerHostApplication",
                    "temporal-server", Integer.toString(port)))
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("Temporal server exited: " + Files.readString(log));
      }
      try (Socket ignored = new Socket("127.0.0.1", port)) {
        return new TemporalServerProcess(process, port, log);
      } catch (IOException notYet) {
        Thread.sleep(100);
      }
    }
    process.destroyForcibly();
    throw new IllegalStateException("Temporal server did not listen on " + port);
  }

  @Override
  public void close() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor();
    log.toFile().delete();
  }
}
