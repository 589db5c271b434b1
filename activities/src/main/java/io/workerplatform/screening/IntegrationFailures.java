package io.workerplatform.screening;

import io.workerplatform.events.EventStore.NewEvent;
import io.workerplatform.events.PlatformEvents;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * A provider that refused an organization's key: the organization's integration becomes {@code
 * FAILED} with the reason, and {@code screening.integration.failed} (event id {@code
 * screening-integration-failed-<version>}) tells its admins, once per key given. Nothing of this
 * organization is screened until its key is set again; other organizations go on.
 */
public final class IntegrationFailures {
  public static final String EVENT_TYPE = "screening.integration.failed";
  private static final Logger log = LoggerFactory.getLogger(IntegrationFailures.class);

  private final ScreeningIntegrationStore integrations;
  private final PlatformEvents events;
  private final JsonMapper json;

  public IntegrationFailures(ScreeningIntegrationStore integrations, PlatformEvents events, JsonMapper json) {
    this.integrations = integrations;
    this.events = events;
    this.json = json;
  }

  /** Records the refusal of the key of settings {@code version}; publishing again on a retry is harmless. */
  public void keyRefused(String orgId, int version, String reason) {
    boolean marked = integrations.markFailed(orgId, version, reason);
    if (marked) {
      log.warn("Screening provider refused the key of organization {} ({}): integration FAILED", orgId, reason);
    }
    // A key set since is not reported; a retry after a crash between the two statements is.
    boolean stillThisKey = marked || integrations.find(orgId)
        .filter(i -> i.version() == version && ScreeningIntegrationStore.FAILED.equals(i.status())).isPresent();
    if (stillThisKey) {
      // one id per key version: published once however often a batch is retried
      events.publish(new NewEvent(orgId, "screening-integration-failed-" + version, EVENT_TYPE,
          json.writeValueAsString(Map.of("reason", reason, "version", version)), orgId, null, null, null));
    }
  }
}
