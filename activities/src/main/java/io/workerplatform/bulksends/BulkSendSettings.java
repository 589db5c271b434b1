package io.workerplatform.bulksends;

/**
 * How bulk sends proceed, handed to each new bulk send's workflow through {@code prepare}.
 *
 * @param pageSize recipients per batch activity
 * @param window batch activities in flight per bulk send
 * @param continueAsNewAfterEvents history length after which a run continues as new
 */
public record BulkSendSettings(int pageSize, int window, int continueAsNewAfterEvents) {
  public BulkSendSettings {
    if (pageSize < 1 || window < 1 || continueAsNewAfterEvents < 100) {
      throw new IllegalArgumentException(
          "platform.bulk-send: page-size and window must be at least 1, continue-as-new-after-events at least 100");
    }
  }
}
