package io.workerplatform.common;

import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;

/** How a workflow names an activity's failure where it records it: type and message, no stack. */
public final class Failures {
  private Failures() {}

  public static String describe(ActivityFailure e) {
    if (e.getCause() instanceof ApplicationFailure failure) {
      return failure.getType() + ": " + failure.getOriginalMessage();
    }
    return String.valueOf(e.getCause() == null ? e.getMessage() : e.getCause().getMessage());
  }
}
