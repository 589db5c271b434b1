package io.workerplatform.host.screening;

import io.workerplatform.common.NotFoundException;
import io.workerplatform.host.api.BadRequestException;
import io.workerplatform.host.api.Validation;
import io.workerplatform.organizations.OrganizationStore;
import io.workerplatform.screening.ScreeningCallbackTokens;
import io.workerplatform.screening.ScreeningIntegrationStore;
import io.workerplatform.screening.ScreeningIntegrationStore.Integration;
import java.time.Instant;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The organization's screening provider settings: its API key (stored sealed, never answered),
 * its rate and fuzziness. Setting them makes a {@code FAILED} integration active again.
 */
@RestController
class ScreeningIntegrationApi {
  static final int DEFAULT_RATE = 5;
  static final double DEFAULT_FUZZINESS = 0.6;
  static final int MAX_KEY_LENGTH = 200;

  /**
   * The settings with the URL to give the provider for monitoring callbacks (it carries the
   * organization's token: keep it as a secret).
   */
  record IntegrationView(
      int ratePerSecond, double fuzziness, String status, String failureReason, Instant failedAt, int version,
      Instant updatedAt, String callbackUrl) {}

  /** {@code apiKey} may be left out to keep the one set before. */
  record ScreeningSettings(String apiKey, Integer ratePerSecond, Double fuzziness) {}

  private final ScreeningIntegrationStore integrations;
  private final OrganizationStore organizations;
  private final ScreeningCallbackTokens tokens;
  private final ScreeningProperties properties;

  ScreeningIntegrationApi(
      ScreeningIntegrationStore integrations, OrganizationStore organizations, ScreeningCallbackTokens tokens,
      ScreeningProperties properties) {
    this.integrations = integrations;
    this.organizations = organizations;
    this.tokens = tokens;
    this.properties = properties;
  }

  @PutMapping("/api/orgs/{orgId}/integrations/screening")
  IntegrationView put(@PathVariable String orgId, @RequestBody ScreeningSettings request) {
    organizations.find(orgId).orElseThrow(() -> new NotFoundException("organization", orgId));
    String apiKey = request.apiKey() == null ? null : Validation.requireText("apiKey", request.apiKey(), MAX_KEY_LENGTH);
    if (apiKey == null && integrations.find(orgId).isEmpty()) {
      throw new BadRequestException("apiKey", "is required the first time");
    }
    int rate = request.ratePerSecond() == null ? DEFAULT_RATE : request.ratePerSecond();
    if (rate < 1 || rate > 100) {
      throw new BadRequestException("ratePerSecond", "must be between 1 and 100");
    }
    double fuzziness = request.fuzziness() == null ? DEFAULT_FUZZINESS : request.fuzziness();
    if (!(fuzziness >= 0 && fuzziness <= 1)) {
      throw new BadRequestException("fuzziness", "must be between 0 and 1");
    }
    return view(integrations.put(orgId, apiKey, rate, Math.round(fuzziness * 100) / 100.0));
  }

  @GetMapping("/api/orgs/{orgId}/integrations/screening")
  IntegrationView get(@PathVariable String orgId) {
    return view(integrations.find(orgId).orElseThrow(() -> new NotFoundException("screening integration", orgId)));
  }

  private IntegrationView view(Integration i) {
    String base = properties.callbackBaseUrl().endsWith("/")
        ? properties.callbackBaseUrl().substring(0, properties.callbackBaseUrl().length() - 1)
        : properties.callbackBaseUrl();
    return new IntegrationView(i.ratePerSecond(), i.fuzziness(), i.status(), i.failureReason(), i.failedAt(), i.version(),
        i.updatedAt(), base + "/callbacks/screening/" + i.orgId() + "?token=" + tokens.tokenFor(i.orgId()));
  }
}
