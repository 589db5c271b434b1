package io.workerplatform.cron;

import io.temporal.failure.ApplicationFailure;
import io.workerplatform.common.InvalidInput;
import java.util.Map;

/** Reads a job's configured input; a bad value fails the run for good, naming the key. */
public final class CronInputs {
  private CronInputs() {}

  public static int positiveInt(Map<String, String> input, String key, int fallback) {
    String value = input == null ? null : input.get(key);
    if (value == null || value.isBlank()) {
      return fallback;
    }
    try {
      int parsed = Integer.parseInt(value.strip());
      if (parsed > 0) {
        return parsed;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw ApplicationFailure.newNonRetryableFailure(
        "input." + key + " must be a positive whole number, not '" + value + "'", InvalidInput.TYPE, key);
  }
}
