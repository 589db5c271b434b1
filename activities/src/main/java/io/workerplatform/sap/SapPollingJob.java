package io.workerplatform.sap;

import io.workerplatform.cron.CronJob;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Cron job {@code sap-profile-polling} (every 5 minutes): starts {@code sap-sync/<orgId>} for each
 * organization whose polling interval has elapsed since its last sync started. A sync still
 * running is not started twice (its workflow id); one organization that cannot be started is
 * counted and tried at the next run, the others go on.
 */
public class SapPollingJob implements CronJob {
  public static final String NAME = "sap-profile-polling";
  private static final Logger log = LoggerFactory.getLogger(SapPollingJob.class);

  private final SapStore store;
  private final Consumer<String> start;

  /** {@code start}: starts the organization's sync, or finds the one running. */
  public SapPollingJob(SapStore store, Consumer<String> start) {
    this.store = store;
    this.start = start;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Map<String, Long> run(Map<String, String> input, Instant now, Runnable heartbeat) {
    Map<String, Long> counts = new LinkedHashMap<>(Map.of("started", 0L, "failed", 0L));
    for (String orgId : store.due(now)) {
      try {
        start.accept(orgId);
        store.started(orgId, now);
        counts.merge("started", 1L, Long::sum);
      } catch (RuntimeException e) {
        counts.merge("failed", 1L, Long::sum);
        log.warn("sap-profile-polling could not start the sync of organization {} ({})", orgId,
            e.getClass().getSimpleName());
      }
      heartbeat.run();
    }
    return counts;
  }
}
