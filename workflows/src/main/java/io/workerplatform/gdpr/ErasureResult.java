package io.workerplatform.gdpr;

import java.util.Map;

/** How an erasure ended: rows changed per kind (zero everywhere when it ran before), or why it failed. */
public record ErasureResult(String contactId, String status, Map<String, Long> counts, String error) {
  public static final String PENDING = "PENDING";
  public static final String COMPLETED = "COMPLETED";
  public static final String FAILED = "FAILED";
}
