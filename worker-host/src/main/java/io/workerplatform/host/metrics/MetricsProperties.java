package io.workerplatform.host.metrics;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code platform.metrics.*}.
 *
 * @param organizationTags tag the platform's meters with the organization id: off by default, as
 *     organizations are unbounded and each adds a series to every meter; for a handful of tenants
 * @param workStatsInterval how long the {@code platform.work} gauges (the stats of every kind of
 *     work) keep what they read: each reading counts every kind's table once
 */
@ConfigurationProperties("platform.metrics")
public record MetricsProperties(
    @DefaultValue("false") boolean organizationTags, @DefaultValue("30s") Duration workStatsInterval) {}
