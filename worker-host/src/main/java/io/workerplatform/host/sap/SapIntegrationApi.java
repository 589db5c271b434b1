package io.workerplatform.host.sap;

import io.workerplatform.common.NotFoundException;
import io.workerplatform.common.Page;
import io.workerplatform.host.api.BadRequestException;
import io.workerplatform.host.api.Paging;
import io.workerplatform.host.api.Validation;
import io.workerplatform.organizations.OrganizationStore;
import io.workerplatform.sap.SapStore;
import io.workerplatform.sap.SapStore.Integration;
import io.workerplatform.webhooks.AddressGuard;
import java.net.URI;
import java.net.UnknownHostException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The organization's SAP connection (password stored sealed, never answered), its polling
 * interval and switch, and its sync runs. The base URL is outbound HTTP a tenant chooses: the
 * platform's SSRF guard checks it here and again at every connection.
 */
@RestController
class SapIntegrationApi {
  static final int DEFAULT_INTERVAL_MINUTES = 60;
  static final int MAX_CREDENTIAL_LENGTH = 200;

  /** {@code password} may be left out to keep the one set before. */
  record SapSettings(String baseUrl, String username, String password, Integer pollingIntervalMinutes, Boolean enabled) {}

  private final SapStore store;
  private final OrganizationStore organizations;
  private final AddressGuard guard;

  SapIntegrationApi(SapStore store, OrganizationStore organizations, AddressGuard outboundAddressGuard) {
    this.store = store;
    this.organizations = organizations;
    this.guard = outboundAddressGuard;
  }

  @PutMapping("/api/orgs/{orgId}/integrations/sap")
  Integration put(@PathVariable String orgId, @RequestBody SapSettings request) {
    organizations.find(orgId).orElseThrow(() -> new NotFoundException("organization", orgId));
    String baseUrl = baseUrl(request.baseUrl());
    String username = Validation.requireText("username", request.username(), MAX_CREDENTIAL_LENGTH);
    String password = request.password() == null ? null
        : Validation.requireText("password", request.password(), MAX_CREDENTIAL_LENGTH);
    if (password == null && store.find(orgId).isEmpty()) {
      throw new BadRequestException("password", "is required the first time");
    }
    int interval = request.pollingIntervalMinutes() == null ? DEFAULT_INTERVAL_MINUTES : request.pollingIntervalMinutes();
    if (interval < 5 || interval > 10_080) {
      throw new BadRequestException("pollingIntervalMinutes", "must be between 5 (the job's period) and 10080 (a week)");
    }
    return store.put(orgId, baseUrl, username, password, interval, !Boolean.FALSE.equals(request.enabled()));
  }

  @GetMapping("/api/orgs/{orgId}/integrations/sap")
  Integration get(@PathVariable String orgId) {
    return store.find(orgId).orElseThrow(() -> new NotFoundException("SAP integration", orgId));
  }

  /** The organization's syncs, newest first ({@code limit}, {@code cursor}). */
  @GetMapping("/api/orgs/{orgId}/integrations/sap/runs")
  Page<SapStore.Run> runs(
      @PathVariable String orgId, @RequestParam(required = false) Integer limit,
      @RequestParam(required = false) String cursor) {
    organizations.find(orgId).orElseThrow(() -> new NotFoundException("organization", orgId));
    return store.runs(orgId, Paging.limit(limit), Paging.after(cursor));
  }

  private String baseUrl(String value) {
    String url = Validation.requireText("baseUrl", value, Validation.MAX_URL_LENGTH).strip();
    AddressGuard.syntaxProblem(url).ifPresent(problem -> {
      throw new BadRequestException("baseUrl", problem);
    });
    URI uri = URI.create(url);
    if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
      throw new BadRequestException("baseUrl", "must be the system's address without a query");
    }
    try {
      guard.refusal(uri).ifPresent(refusal -> {
        throw new BadRequestException("baseUrl", refusal);
      });
    } catch (UnknownHostException e) {
      throw new BadRequestException("baseUrl", "host " + uri.getHost() + " does not resolve");
    }
    return url.replaceAll("/+$", "");
  }
}
