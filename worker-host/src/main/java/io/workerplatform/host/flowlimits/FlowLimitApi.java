package io.workerplatform.host.flowlimits;

import io.workerplatform.common.NotFoundException;
import io.workerplatform.flowlimits.FlowLimitStore;
import io.workerplatform.flowlimits.FlowLimitStore.FlowLimits;
import io.workerplatform.host.api.BadRequestException;
import io.workerplatform.organizations.OrganizationStore;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * An organization's flow limits: set by the operator (the admin token; a tenant must not lift its
 * own share of what all share), read by the organization. {@code emailRateShare}: the part of the
 * global email rate ({@code platform.email.rate}) its sends may take, above 0 and at most 1; null
 * or absent, the whole rate.
 */
@RestController
class FlowLimitApi {
  private final FlowLimitStore store;
  private final OrganizationStore organizations;

  FlowLimitApi(FlowLimitStore store, OrganizationStore organizations) {
    this.store = store;
    this.organizations = organizations;
  }

  @GetMapping("/api/orgs/{orgId}/flow-limits")
  FlowLimits get(@PathVariable String orgId) {
    organization(orgId);
    return store.get(orgId);
  }

  /** Every limit at once: one left out (or null) is none. */
  @PutMapping("/api/orgs/{orgId}/flow-limits")
  FlowLimits put(@PathVariable String orgId, @RequestBody JsonNode body) {
    if (body == null || !body.isObject()) {
      throw new BadRequestException("body", "must be a JSON object");
    }
    FlowLimits limits = new FlowLimits(share(body.get("emailRateShare")));
    organization(orgId);
    store.put(orgId, limits);
    return store.get(orgId);
  }

  private static Double share(JsonNode value) {
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isNumber() || !(value.asDouble() > 0) || value.asDouble() > 1) {
      throw new BadRequestException("emailRateShare", "must be a number above 0 and at most 1");
    }
    // the column keeps three decimals: a share is never rounded to 0
    return Math.max(0.001, Math.round(value.asDouble() * 1000) / 1000.0);
  }

  private void organization(String orgId) {
    organizations.find(orgId).orElseThrow(() -> new NotFoundException("organization", orgId));
  }
}
