package io.workerplatform.host.security;

import java.util.List;
import org.springframework.http.HttpMethod;

/**
 * The routes under {@code /api/orgs/{orgId}} that belong to the platform's operator, not to the
 * organization: the admin token only, 403 for the organization's own key. One list, read by the
 * filter chain and by the route-table test, so that a new operator route is one more line here.
 */
final class AdminOnlyRoutes {
  /** {@code method} null: every method. */
  record AdminRoute(HttpMethod method, String pattern, String why) {}

  static final List<AdminRoute> UNDER_ORGANIZATION = List.of(
      new AdminRoute(null, "/api/orgs/{orgId}/api-keys", "keys are issued and revoked by the operator"),
      new AdminRoute(null, "/api/orgs/{orgId}/api-keys/**", "keys are issued and revoked by the operator"),
      new AdminRoute(HttpMethod.PUT, "/api/orgs/{orgId}/limits",
          "the plan's limits: a tenant must not lift its own sending on the shared SES reputation"),
      new AdminRoute(HttpMethod.PUT, "/api/orgs/{orgId}/rate-limit", "a key's request rate is the operator's"),
      new AdminRoute(HttpMethod.PUT, "/api/orgs/{orgId}/flow-limits",
          "an organization's share of what every organization shares is the operator's"),
      new AdminRoute(HttpMethod.POST, "/api/orgs/{orgId}/ordering-keys/release",
          "releasing an ordering key's head skips an event: the operator's act"));

  private AdminOnlyRoutes() {}
}
