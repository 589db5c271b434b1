package io.workerplatform.compliance;

import io.workerplatform.cron.CronInputs;
import io.workerplatform.cron.CronJob;
import io.workerplatform.expiring.OrganizationDays;
import java.time.Instant;
import java.time.LocalTime;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jooq.DSLContext;

/**
 * Cron job {@code compliance-refresh}: each organization's score once a night, from 02:00 in its
 * time zone (hourly; it takes the organizations whose night it is), one organization at a time
 * and at most {@code perMinute} a minute (input, default 5), so a thousand organizations in one
 * zone spread over the night instead of loading the database at once; those it did not reach
 * within the run wait for the next. A failing organization is recorded and tried again next hour;
 * the others go on.
 */
public class ComplianceRefreshJob implements CronJob {
  public static final String NAME = "compliance-refresh";
  static final LocalTime AT = LocalTime.of(2, 0);
  private static final long HEARTBEAT_STEP_MILLIS = 500;

  private final ComplianceRefresh refresh;
  private final OrganizationDays days;
  private final int defaultPerMinute;

  public ComplianceRefreshJob(DSLContext dsl, ComplianceRefresh refresh, int defaultPerMinute) {
    this.refresh = refresh;
    this.days = new OrganizationDays(dsl, NAME, AT);
    this.defaultPerMinute = defaultPerMinute;
  }

  @Override
  public String name() {
    return NAME;
  }

  /** Inputs {@code perMinute} (organizations a minute) and {@code batchSize} (read at a time, 200). */
  @Override
  public Map<String, Long> run(Map<String, String> input, Instant now, Runnable heartbeat) {
    int perMinute = CronInputs.positiveInt(input, "perMinute", defaultPerMinute);
    int batchSize = CronInputs.positiveInt(input, "batchSize", 200);
    long spacingMillis = 60_000L / perMinute;
    long[] lastStart = {Long.MIN_VALUE};
    // at most 50 minutes' worth per hourly run: the next run goes on
    OrganizationDays.Outcome outcome = days.run(now, batchSize, perMinute * 50, heartbeat, (orgId, today) -> {
      waitUntil(lastStart[0] == Long.MIN_VALUE ? 0 : lastStart[0] + spacingMillis, heartbeat);
      lastStart[0] = System.currentTimeMillis();
      refresh.nightly(orgId);
      return 1;
    });
    Map<String, Long> counts = new LinkedHashMap<>();
    counts.put("organizations", outcome.organizations());
    counts.put("failed", outcome.failed());
    counts.put("deferred", outcome.stoppedAtLimit() ? 1L : 0L);
    return counts;
  }

  private static void waitUntil(long epochMillis, Runnable heartbeat) {
    try {
      for (long left = epochMillis - System.currentTimeMillis(); left > 0; left = epochMillis - System.currentTimeMillis()) {
        Thread.sleep(Math.min(left, HEARTBEAT_STEP_MILLIS));
        heartbeat.run();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while pacing compliance-refresh", e);
    }
  }
}
