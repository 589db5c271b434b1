package io.workerplatform.benchmarks;

import java.time.Duration;

/**
 * CPU time used from now on by the worker host, PostgreSQL (all its processes) and this benchmark
 * process (publisher and receiver): on a machine where all of them share the cores, it shows where
 * a measured rate went.
 */
record CpuUse(HostProcess host, double hostStart, double postgresStart, double nodeStart, double selfStart) {

  static CpuUse of(HostProcess host) {
    return new CpuUse(host, host.cpuSeconds(), named("postgres"), named("node"), self());
  }

  /**
   * Milliseconds of CPU per unit of work since {@link #of}, for {@code units} units; Node.js is
   * the local SES server, where a scenario runs one.
   */
  String since(int units) {
    double node = named("node") - nodeStart;
    return String.format(
        "host %.2f, PostgreSQL %.2f, %sbenchmark process %.2f",
        (host.cpuSeconds() - hostStart) * 1000 / units,
        (named("postgres") - postgresStart) * 1000 / units,
        node > 0 ? String.format("Node.js %.2f, ", node * 1000 / units) : "",
        (self() - selfStart) * 1000 / units);
  }

  static double self() {
    return seconds(ProcessHandle.current());
  }

  /** All processes whose command contains {@code name}. */
  static double named(String name) {
    return ProcessHandle.allProcesses()
        .filter(p -> p.info().command().map(c -> c.contains(name)).orElse(false))
        .mapToDouble(CpuUse::seconds)
        .sum();
  }

  private static double seconds(ProcessHandle process) {
    return process.info().totalCpuDuration().map(Duration::toNanos).orElse(0L) / 1e9;
  }
}
