package io.workerplatform.host.work;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.workerplatform.host.metrics.ScrapedValue;
import io.workerplatform.work.Phases;
import io.workerplatform.work.WorkKind;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * {@code platform.work{kind,stat}}: the platform's stats as gauges, per kind of work (every
 * registered {@link WorkKind}, email messages and cron runs included) and per stat of
 * {@link Phases#KEYS} (waiting and running now, completed and failed in the last hour and day),
 * across organizations (a tag per organization would grow without bound). Loaded from the
 * application's tables at most once per {@code every}, so every host reports the same.
 */
class WorkMetrics implements MeterBinder {
  private final List<String> kinds;
  private final ScrapedValue<Map<String, Map<String, Long>>> stats;

  WorkMetrics(WorkQueries work, Duration every, LongSupplier nanoTime) {
    this.kinds = work.kinds().stream().map(WorkKind::key).toList();
    this.stats = new ScrapedValue<>(work::allStats, Map.of(), every, nanoTime);
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    for (String kind : kinds) {
      for (String stat : Phases.KEYS) {
        Gauge.builder("platform.work", () -> value(kind, stat))
            .description("Work of the kind waiting or running now, or completed or failed in the last hour or day")
            .tags("kind", kind, "stat", stat)
            .register(registry);
      }
    }
  }

  private double value(String kind, String stat) {
    Map<String, Long> counts = stats.get().get(kind);
    return counts == null ? Double.NaN : counts.getOrDefault(stat, 0L);
  }
}
