package io.workerplatform.host.cron;

import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code platform.cron.jobs.<name>.*}: the jobs a host serving the {@code cron} queue schedules.
 *
 * @param jobs by job name: its schedule and settings (see {@link Job})
 */
@ConfigurationProperties("platform.cron")
public record CronProperties(@DefaultValue Map<String, Job> jobs) {

  /**
   * @param schedule a five-field cron expression (minute hour day-of-month month day-of-week)
   * @param timeZone the zone the expression is read in
   * @param input the job's input: ids, numbers and flags, never personal data
   */
  public record Job(
      String schedule,
      @DefaultValue("UTC") String timeZone,
      @DefaultValue("true") boolean enabled,
      @DefaultValue Map<String, String> input) {}
}
