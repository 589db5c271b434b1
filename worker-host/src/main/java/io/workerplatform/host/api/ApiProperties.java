package io.workerplatform.host.api;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * {@code platform.api.*}: who may call the REST API, and how much a request may carry.
 *
 * @param adminToken the bearer token that reaches every route ({@code PLATFORM_ADMIN_TOKEN});
 *     required in remote mode, generated for the run in embedded mode when empty
 * @param keyCacheTtl how long a process trusts an organization key it looked up before asking the
 *     database again: a key revoked through another process stops working after at most this long
 *     (through this process: at once)
 * @param lastUsedResolution a key's "last used" is written at most once per this period
 * @param maxBodySize the largest JSON body a route accepts (larger: 413 before it is read)
 * @param maxCallbackBodySize the largest body {@code /callbacks/**} accepts (larger: 413)
 */
@ConfigurationProperties("platform.api")
public record ApiProperties(
    String adminToken,
    @DefaultValue("10s") Duration keyCacheTtl,
    @DefaultValue("1m") Duration lastUsedResolution,
    @DefaultValue("1MB") DataSize maxBodySize,
    @DefaultValue("256KB") DataSize maxCallbackBodySize) {}
