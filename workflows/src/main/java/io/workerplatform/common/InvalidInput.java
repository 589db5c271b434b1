package io.workerplatform.common;

import io.temporal.failure.ApplicationFailure;

/** Builds the non-retryable failures for input that will not become valid by retrying. */
public final class InvalidInput {
  /** Failure type name, visible in the Web UI and matched by callers. */
  public static final String TYPE = "InvalidInput";

  private InvalidInput() {}

  /** Fails with a message naming the field, unless {@code value} is a non-blank string. */
  public static String requireText(String field, String value) {
    if (value == null || value.isBlank()) {
      throw ApplicationFailure.newNonRetryableFailure(field + " is required", TYPE, field);
    }
    return value;
  }
}
