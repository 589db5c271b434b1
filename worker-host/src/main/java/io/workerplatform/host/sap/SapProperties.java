package io.workerplatform.host.sap;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code platform.sap.*}: how the SAP sync reads. The connections are each organization's
 * ({@code PUT /api/orgs/{orgId}/integrations/sap}).
 *
 * @param requestTimeout per OData call
 * @param pageSize partners per page (one transaction each)
 */
@ConfigurationProperties("platform.sap")
public record SapProperties(@DefaultValue("30s") Duration requestTimeout, @DefaultValue("200") int pageSize) {}
