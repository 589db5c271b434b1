package io.workerplatform.usage;

import io.workerplatform.cron.CronInputs;
import io.workerplatform.cron.CronJob;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Cron job {@code organization-limits} (hourly): starts each organization's new usage cycle once
 * its current one has ended, on its anchor day at midnight in its own time zone; an organization
 * whose cycle runs on is not touched, and starting a cycle twice starts nothing. In batches of
 * {@code batchSize} (500) organizations.
 */
public class OrganizationLimitsJob implements CronJob {
  public static final String NAME = "organization-limits";

  private final UsageStore usage;

  public OrganizationLimitsJob(UsageStore usage) {
    this.usage = usage;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Map<String, Long> run(Map<String, String> input, Instant now, Runnable heartbeat) {
    int batchSize = CronInputs.positiveInt(input, "batchSize", 500);
    Map<String, Long> counts = new LinkedHashMap<>(Map.of("started", 0L));
    String after = "";
    UsageStore.Ended ended;
    do {
      ended = usage.cycleEnded(now, after, batchSize);
      for (String orgId : ended.orgIds()) {
        if (usage.startCycle(orgId, now)) {
          counts.merge("started", 1L, Long::sum);
        }
      }
      after = ended.last();
      heartbeat.run();
    } while (ended.more());
    return counts;
  }
}
