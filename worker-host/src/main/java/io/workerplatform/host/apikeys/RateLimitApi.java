package io.workerplatform.host.apikeys;

import io.workerplatform.apikeys.ApiKeyStore;
import io.workerplatform.common.NotFoundException;
import io.workerplatform.host.api.ApiProperties;
import io.workerplatform.host.api.BadRequestException;
import io.workerplatform.host.security.ApiTokens;
import io.workerplatform.organizations.OrganizationStore;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * The request rate of an organization's keys: set by the operator (admin token only, see
 * AdminOnlyRoutes), read by the organization. Per key and per host.
 */
@RestController
class RateLimitApi {
  static final int MAX_PER_SECOND = 100_000;
  static final int MAX_BURST = 1_000_000;

  record RateLimit(int requestsPerSecond, int burst, boolean platformDefault) {}

  private final ApiKeyStore keys;
  private final ApiTokens tokens;
  private final OrganizationStore organizations;
  private final ApiKeyStore.Rate defaultRate;

  RateLimitApi(ApiKeyStore keys, ApiTokens tokens, OrganizationStore organizations, ApiProperties properties) {
    this.keys = keys;
    this.tokens = tokens;
    this.organizations = organizations;
    this.defaultRate = properties.throttling().keyRate();
  }

  @GetMapping("/api/orgs/{orgId}/rate-limit")
  RateLimit get(@PathVariable String orgId) {
    organization(orgId);
    return view(keys.rate(orgId).orElse(null));
  }

  /**
   * {@code {"requestsPerSecond","burst"}}; both null (or {@code {}}) gives the default back. Takes
   * effect on this host at once, on the others within their key cache's TTL.
   */
  @PutMapping("/api/orgs/{orgId}/rate-limit")
  RateLimit put(@PathVariable String orgId, @RequestBody JsonNode body) {
    if (body == null || !body.isObject()) {
      throw new BadRequestException("body", "must be a JSON object");
    }
    Integer perSecond = bounded(body, "requestsPerSecond", MAX_PER_SECOND);
    Integer burst = bounded(body, "burst", MAX_BURST);
    if ((perSecond == null) != (burst == null)) {
      throw new BadRequestException(perSecond == null ? "requestsPerSecond" : "burst",
          "give requestsPerSecond and burst together, or neither for the default");
    }
    if (burst != null && burst < perSecond) {
      throw new BadRequestException("burst", "must be at least requestsPerSecond");
    }
    organization(orgId);
    ApiKeyStore.Rate rate = perSecond == null ? null : new ApiKeyStore.Rate(perSecond, burst);
    keys.putRate(orgId, rate);
    tokens.rateChanged(orgId, rate);
    return view(rate);
  }

  private RateLimit view(ApiKeyStore.Rate rate) {
    ApiKeyStore.Rate effective = rate == null ? defaultRate : rate;
    return new RateLimit(effective.requestsPerSecond(), effective.burst(), rate == null);
  }

  private void organization(String orgId) {
    organizations.find(orgId).orElseThrow(() -> new NotFoundException("organization", orgId));
  }

  private static Integer bounded(JsonNode body, String field, int max) {
    JsonNode value = body.get(field);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isIntegralNumber() || value.asLong() < 1 || value.asLong() > max) {
      throw new BadRequestException(field, "must be a whole number from 1 to " + max);
    }
    return value.asInt();
  }
}
