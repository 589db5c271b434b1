package io.workerplatform.host.cron;

import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Optional;

/** Cron expressions as Temporal reads them: five fields, in UTC unless a zone is given. */
final class CronSchedules {
  private static final CronParser parser =
      new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX));

  private CronSchedules() {}

  /** Fails naming the property when the job's expression or zone is unusable. */
  static void validate(String job, CronProperties.Job config) {
    String prefix = "platform.cron.jobs." + job + ".";
    if (config.schedule() == null || config.schedule().isBlank()) {
      throw new IllegalStateException(prefix + "schedule is required");
    }
    try {
      parser.parse(config.schedule().strip()).validate();
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException(
          prefix + "schedule '" + config.schedule() + "' is not a five-field cron expression: " + e.getMessage());
    }
    try {
      ZoneId.of(config.timeZone());
    } catch (DateTimeException e) {
      throw new IllegalStateException(prefix + "time-zone '" + config.timeZone() + "' is not a time zone");
    }
  }

  /**
   * The workflow's cron schedule. A real server reads a {@code CRON_TZ=} prefix; the embedded test
   * server evaluates every schedule in UTC and rejects the prefix, so there a zone is dropped.
   */
  static String temporalSchedule(String schedule, String timeZone, boolean embedded) {
    return isUtc(timeZone) || embedded ? schedule.strip() : "CRON_TZ=" + timeZone + " " + schedule.strip();
  }

  static boolean isUtc(String timeZone) {
    return ZoneId.of(timeZone).normalized().equals(ZoneOffset.UTC);
  }

  static Optional<Instant> next(String schedule, String timeZone, Instant after) {
    return ExecutionTime.forCron(parser.parse(schedule.strip()))
        .nextExecution(after.atZone(ZoneId.of(timeZone)))
        .map(t -> t.toInstant());
  }
}
