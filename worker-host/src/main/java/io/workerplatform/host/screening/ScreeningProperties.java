package io.workerplatform.host.screening;

import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code platform.screening.*}: where the screening provider is and how screenings proceed. The
 * API keys and rates are each organization's ({@code PUT /api/orgs/{orgId}/integrations/screening}).
 *
 * @param baseUrl ComplyAdvantage's API ({@code SCREENING_BASE_URL})
 * @param callbackBaseUrl how the provider reaches this host's {@code /callbacks/screening/...}
 *     (a public URL in production)
 * @param requestTimeout per provider HTTP call
 * @param batchSize profiles per batch activity (a batch paced at 5 a second takes 10 s)
 * @param continueAsNewAfterEvents a screening's history length after which it continues as new
 * @param transientBackoff the wait before the second try of a profile after a 5xx (doubled for the third)
 */
@ConfigurationProperties("platform.screening")
public record ScreeningProperties(
    @DefaultValue("https://api.complyadvantage.com") URI baseUrl,
    @DefaultValue("http://localhost:8080") String callbackBaseUrl,
    @DefaultValue("10s") Duration requestTimeout,
    @DefaultValue("50") int batchSize,
    @DefaultValue("2000") int continueAsNewAfterEvents,
    @DefaultValue("2s") Duration transientBackoff) {}
