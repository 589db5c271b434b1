package io.workerplatform.host.bulksends;

import io.workerplatform.bulksends.BulkSendSettings;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code platform.bulk-send.*}.
 *
 * @param pageSize recipients per batch activity
 * @param window batch activities in flight per bulk send
 * @param continueAsNewAfterEvents history length after which a bulk send's run continues as new
 */
@ConfigurationProperties("platform.bulk-send")
public record BulkSendProperties(
    @DefaultValue("200") int pageSize,
    @DefaultValue("4") int window,
    @DefaultValue("4000") int continueAsNewAfterEvents) {

  public BulkSendSettings settings() {
    return new BulkSendSettings(pageSize, window, continueAsNewAfterEvents);
  }
}
