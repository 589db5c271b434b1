package io.workerplatform.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A PostgreSQL cluster of a scenario's own: {@code initdb} into a temporary directory, served on a
 * free port, so stopping and restarting it disturbs nothing else on the machine. Runs as the
 * {@code postgres} user when started as root (PostgreSQL refuses root).
 */
public final class ThrowawayPostgres implements AutoCloseable {
  final int port;
  private final Path dir;
  private final Path bin;

  private ThrowawayPostgres(Path dir, Path bin, int port) {
    this.dir = dir;
    this.bin = bin;
    this.port = port;
  }

  public static ThrowawayPostgres start() throws IOException, InterruptedException {
    Path bin;
    try (Stream<Path> versions = Files.list(Path.of("/usr/lib/postgresql"))) {
      bin = versions.max(Comparator.naturalOrder()).orElseThrow().resolve("bin");
    }
    Path dir = Files.createTempDirectory("faults-pg");
    ThrowawayPostgres pg = new ThrowawayPostgres(dir, bin, Ports.free());
    if (isRoot()) {
      run(List.of("chown", "postgres", dir.toString()));
    }
    pg.asPostgres(List.of(bin.resolve("initdb").toString(), "-D", dir.resolve("data").toString(), "-A", "trust", "-U", "postgres"));
    pg.start(Duration.ZERO);
    return pg;
  }

  public String jdbcUrl() {
    return "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
  }

  /** Stops the server as a crash would (immediate: no checkpoint, clients cut off). */
  public void crash() throws IOException, InterruptedException {
    asPostgres(List.of(bin.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(), "-m", "immediate", "-w", "stop"));
  }

  /** Starts it again after {@code after}. */
  public void start(Duration after) throws IOException, InterruptedException {
    Thread.sleep(after.toMillis());
    asPostgres(List.of(
        bin.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(), "-w", "-l", dir.resolve("log").toString(),
        "-o", "-p " + port + " -k " + dir + " -c listen_addresses=127.0.0.1 -c max_connections=200 -c fsync=off",
        "start"));
  }

  /** Down for {@code outage}, then up again: a restart as a failover or a crash would cause. */
  public void restart(Duration outage) throws IOException, InterruptedException {
    crash();
    start(outage);
  }

  private void asPostgres(List<String> command) throws IOException, InterruptedException {
    List<String> full = new ArrayList<>();
    if (isRoot()) {
      full.addAll(List.of("runuser", "-u", "postgres", "--"));
    }
    full.addAll(command);
    run(full);
  }

  private static void run(List<String> command) throws IOException, InterruptedException {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes());
    if (process.waitFor() != 0) {
      throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
    }
  }

  private static boolean isRoot() {
    return "root".equals(System.getProperty("user.name"));
  }

  @Override
  public void close() throws IOException, InterruptedException {
    try {
      crash();
    } catch (IllegalStateException alreadyStopped) {
      // nothing to stop
    }
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }
}
