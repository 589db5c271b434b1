package io.workerplatform.host.metrics;

import io.workerplatform.common.TaskQueues;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.workerplatform.common.PlatformMetrics;
import io.workerplatform.cron.CronRunStore;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * {@code platform.cron.last.success}: when each configured job last succeeded, in seconds since
 * the epoch (NaN before its first success), for the alert "no success for longer than its period".
 * Read from the run records, so every host reports the same, whichever ran the job and across
 * restarts; one query per scrape at most every few seconds, whatever the number of jobs.
 */
class CronLastSuccess implements MeterBinder {
  private final Set<String> jobs;
  private final ScrapedValue<Map<String, OffsetDateTime>> latest;

  CronLastSuccess(CronRunStore runs, Set<String> jobs, LongSupplier nanoTime) {
    this.jobs = Set.copyOf(jobs);
    this.latest = new ScrapedValue<>(runs::lastSuccessByJob, Map.of(), Duration.ofSeconds(5), nanoTime);
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    for (String job : jobs) {
      Gauge.builder("platform.cron.last.success", () -> secondsOf(job))
          .description("When the cron job last succeeded, in seconds since the epoch")
          .baseUnit("seconds")
          .tags(PlatformMetrics.CAPABILITY, TaskQueues.CRON, "job", job)
          .register(registry);
    }
  }

  private double secondsOf(String job) {
    OffsetDateTime at = latest.get().get(job);
    return at == null ? Double.NaN : at.toInstant().toEpochMilli() / 1000.0;
  }
}
