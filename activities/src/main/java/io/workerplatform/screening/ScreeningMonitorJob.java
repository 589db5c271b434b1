package io.workerplatform.screening;

import io.workerplatform.cron.CronInputs;
import io.workerplatform.cron.CronJob;
import io.workerplatform.screening.ScreeningMonitor.Monitored;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Cron job {@code screening-monitor} (hourly): for the periods without callbacks, checks each
 * monitored search not checked for {@code staleAfterHours} (6) as a callback would, paced to its
 * organization's rate. An organization whose provider fails is counted and left until the next
 * run (a refused key: its integration is FAILED, its admins told); the others go on.
 */
public class ScreeningMonitorJob implements CronJob {
  public static final String NAME = "screening-monitor";
  private static final Logger log = LoggerFactory.getLogger(ScreeningMonitorJob.class);

  private final ScreeningMonitor monitor;
  private final ScreeningIntegrationStore integrations;
  private final ScreeningPacer pacer;

  public ScreeningMonitorJob(ScreeningMonitor monitor, ScreeningIntegrationStore integrations, ScreeningPacer pacer) {
    this.monitor = monitor;
    this.integrations = integrations;
    this.pacer = pacer;
  }

  @Override
  public String name() {
    return NAME;
  }

  /** Input {@code staleAfterHours} (6), {@code limit}: searches per run at most (10000). */
  @Override
  public Map<String, Long> run(Map<String, String> input, Instant now, Runnable heartbeat) {
    Duration staleAfter = Duration.ofHours(CronInputs.positiveInt(input, "staleAfterHours", 6));
    int limit = CronInputs.positiveInt(input, "limit", 10_000);
    Map<String, Long> counts = new LinkedHashMap<>(Map.of("checked", 0L, "changed", 0L, "failed", 0L));
    Set<String> failing = new HashSet<>();
    Map<String, Integer> rates = new HashMap<>();
    List<Monitored> due = monitor.due(staleAfter, limit);
    for (Monitored search : due) {
      if (failing.contains(search.orgId())) {
        counts.merge("failed", 1L, Long::sum);
        continue;
      }
      try {
        // one read per organization and run, not per search
        int rate = rates.computeIfAbsent(search.orgId(),
            org -> integrations.find(org).map(ScreeningIntegrationStore.Integration::ratePerSecond).orElse(1));
        pacer.acquire(search.orgId(), rate, heartbeat);
        boolean changed = monitor.refresh(search.orgId(), search.searchId());
        counts.merge("checked", 1L, Long::sum);
        counts.merge("changed", changed ? 1L : 0L, Long::sum);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted", e);
      } catch (RuntimeException e) {
        // its other searches wait for the next run: a provider down for one is down for all
        failing.add(search.orgId());
        counts.merge("failed", 1L, Long::sum);
        log.warn("screening-monitor: organization {} failed ({}); its searches are checked next run",
            search.orgId(), e.getClass().getSimpleName());
      }
      heartbeat.run();
    }
    return counts;
  }
}
