package io.workerplatform.host.metrics;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code platform.metrics.*}.
 *
 * @param organizationTags tag the platform's meters with the organization id: off by default, as
 *     organizations are unbounded and each adds a series to every meter; for a handful of tenants
 */
@ConfigurationProperties("platform.metrics")
public record MetricsProperties(@DefaultValue("false") boolean organizationTags) {}
