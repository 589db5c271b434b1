package io.workerplatform.host.api;

import io.workerplatform.apikeys.ApiKeyStore;
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
 * @param throttling how many failed authentications and requests a caller gets
 */
@ConfigurationProperties("platform.api")
public record ApiProperties(
    String adminToken,
    @DefaultValue("10s") Duration keyCacheTtl,
    @DefaultValue("1m") Duration lastUsedResolution,
    @DefaultValue("1MB") DataSize maxBodySize,
    @DefaultValue("256KB") DataSize maxCallbackBodySize,
    @DefaultValue Throttling throttling) {

  /** Without throttling settings (a properties record built in code), the defaults. */
  public ApiProperties {
    if (throttling == null) {
      throttling = Throttling.defaults();
    }
  }

  /**
   * {@code platform.api.throttling.*}.
   *
   * @param failedAuthenticationsPerMinute wrong tokens (API or console sign-in) one client address
   *     may present per minute; beyond, its requests answer 429 until the minute ends
   * @param unknownTokenCacheTtl how long a token found unknown is answered 401 without asking the
   *     database again
   * @param keyRequestsPerSecond requests an organization key may make per second on average, on
   *     each host (the admin sets another per organization: PUT /api/orgs/{orgId}/rate-limit)
   * @param keyBurst requests a key may make at once (in one window of burst / rate seconds)
   */
  public record Throttling(
      @DefaultValue("20") int failedAuthenticationsPerMinute,
      @DefaultValue("5s") Duration unknownTokenCacheTtl,
      @DefaultValue("100") int keyRequestsPerSecond,
      @DefaultValue("500") int keyBurst) {

    public static Throttling defaults() {
      return new Throttling(20, Duration.ofSeconds(5), 100, 500);
    }

    /** The rate of a key whose organization the admin gave none. */
    public ApiKeyStore.Rate keyRate() {
      return new ApiKeyStore.Rate(keyRequestsPerSecond, keyBurst);
    }
  }
}
