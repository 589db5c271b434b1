package io.workerplatform.host.work;

import io.workerplatform.host.metrics.MetricsProperties;
import io.workerplatform.work.MinuteCounts;
import io.workerplatform.work.WorkKind;
import io.workerplatform.work.WorkViews;
import java.util.List;
import org.jooq.DSLContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class WorkConfiguration {
  /** Over every capability's registered kinds of work and chart series. */
  @Bean
  WorkViews workViews(DSLContext dsl, List<WorkKind<?>> kinds, List<MinuteCounts> series) {
    return new WorkViews(dsl, kinds, series);
  }

  /** The stats as gauges, read at most every {@code platform.metrics.work-stats-interval}. */
  @Bean
  WorkMetrics workMetrics(WorkQueries work, MetricsProperties metrics) {
    return new WorkMetrics(work, metrics.workStatsInterval(), System::nanoTime);
  }
}
