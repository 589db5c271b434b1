package io.workerplatform.host.usage;

import io.workerplatform.common.NotFoundException;
import io.workerplatform.host.api.BadRequestException;
import io.workerplatform.organizations.OrganizationStore;
import io.workerplatform.usage.UsageStore;
import io.workerplatform.usage.UsageStore.Limits;
import io.workerplatform.usage.UsageStore.Usage;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/** An organization's limits per cycle and its usage in the current cycle. */
@RestController
class UsageApi {
  static final long MAX_LIMIT = 1_000_000_000L;

  private final UsageStore usage;
  private final OrganizationStore organizations;

  UsageApi(UsageStore usage, OrganizationStore organizations) {
    this.usage = usage;
    this.organizations = organizations;
  }

  /**
   * Replaces the limits: {@code {"emails","signatureRequests","bulkSendRecipients","cycleAnchorDay"}};
   * a limit left out (or null) is unlimited, the anchor day defaults to 1. Answers as {@code GET
   * usage} does.
   */
  @PutMapping("/api/orgs/{orgId}/limits")
  Usage put(@PathVariable String orgId, @RequestBody JsonNode body) {
    if (body == null || !body.isObject()) {
      throw new BadRequestException("body", "must be a JSON object");
    }
    Limits limits = new Limits(
        limit(body, "emails"), limit(body, "signatureRequests"), limit(body, "bulkSendRecipients"),
        anchorDay(body.get("cycleAnchorDay")));
    organization(orgId);
    usage.putLimits(orgId, limits);
    return usage.usage(orgId);
  }

  /** Used and limit per kind, and the current cycle's start and end. */
  @GetMapping("/api/orgs/{orgId}/usage")
  Usage usage(@PathVariable String orgId) {
    organization(orgId);
    return usage.usage(orgId);
  }

  private void organization(String orgId) {
    organizations.find(orgId).orElseThrow(() -> new NotFoundException("organization", orgId));
  }

  private static Long limit(JsonNode body, String field) {
    JsonNode value = body.get(field);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isIntegralNumber() || value.asLong() < 0 || value.asLong() > MAX_LIMIT) {
      throw new BadRequestException(field, "must be a whole number from 0 to " + MAX_LIMIT + ", or null for no limit");
    }
    return value.asLong();
  }

  private static int anchorDay(JsonNode value) {
    if (value == null || value.isNull()) {
      return UsageStore.DEFAULT_ANCHOR_DAY;
    }
    if (!value.isIntegralNumber() || value.asInt() < 1 || value.asInt() > 31) {
      throw new BadRequestException("cycleAnchorDay", "must be a day of the month from 1 to 31");
    }
    return value.asInt();
  }
}
