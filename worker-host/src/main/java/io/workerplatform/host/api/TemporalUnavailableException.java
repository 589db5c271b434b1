package io.workerplatform.host.api;

import java.util.Map;

/** Temporal did not accept a request; the API answers 503 with what was kept. */
public class TemporalUnavailableException extends RuntimeException {
  private final Map<String, Object> details;

  public TemporalUnavailableException(String message, Map<String, Object> details) {
    super(message);
    this.details = details;
  }

  public Map<String, Object> details() {
    return details;
  }
}
