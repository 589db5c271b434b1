package io.workerplatform.cron;

import java.util.Map;

/** How one run ended: {@code SUCCEEDED} or {@code FAILED}, with the job's counts or the reason. */
public record CronRunResult(String job, String outcome, Map<String, Long> counts, String error) {
  public static final String SUCCEEDED = "SUCCEEDED";
  public static final String FAILED = "FAILED";
}
