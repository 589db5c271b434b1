package io.workerplatform.benchmarks;

import java.time.Duration;

/**
 * CPU time used from now on by the worker host, PostgreSQL (all its processes) and this benchmark
 * process (publisher and receiver): on a machine where all of them share the cores, it shows where
 * a measured rate went.
 */
record CpuUse(HostProcess host, double hostStart, double postgresStart, double selfStart) {

  static CpuUse of(HostProcess host) {
    return new CpuUse(host, host.cpuSeconds(), postgres(), self());
  }

  /** Milliseconds of CPU per unit of work since {@link #of}, for {@code units} units. */
  String since(int units) {
    return String.format(
        "host %.2f, PostgreSQL %.2f, benchmark process %.2f",
        (host.cpuSeconds() - hostStart) * 1000 / units,
        (postgres() - postgresStart) * 1000 / units,
        (self() - selfStart) * 1000 / units);
  }

  static double self() {
    return seconds(ProcessHandle.current());
  }

  private static double postgres() {
    return ProcessHandle.allProcesses()
        .filter(p -> p.info().command().map(c -> c.contains("postgres")).orElse(false))
        .mapToDouble(CpuUse::seconds)
        .sum();
  }

  private static double seconds(ProcessHandle process) {
    return process.info().totalCpuDuration().map(Duration::toNanos).orElse(0L) / 1e9;
  }
}
