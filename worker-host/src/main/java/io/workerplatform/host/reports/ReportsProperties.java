package io.workerplatform.host.reports;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code platform.reports.*}.
 *
 * @param linkBaseUrl how members reach this host's {@code /links/reports/...} (public in
 *     production): the start of the links their emails carry
 * @param linkValidity how long a report's links work after it is built; then the job deletes its
 *     file and the report is {@code EXPIRED}
 */
@ConfigurationProperties("platform.reports")
record ReportsProperties(
    @DefaultValue("http://localhost:8080") String linkBaseUrl, @DefaultValue("7d") Duration linkValidity) {}
