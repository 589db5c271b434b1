package io.workerplatform.host.relay;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code platform.relay.*}: the relay that starts work stored while Temporal was unreachable
 * (webhook deliveries, bulk sends, signature requests, erasures, exports); it belongs to no
 * single capability.
 *
 * @param interval how often the relay looks for work stored but never started
 * @param grace how old unstarted work must be before the relay takes it over from the request
 *     that stored it (and may still be starting it)
 */
@ConfigurationProperties("platform.relay")
public record RelayProperties(@DefaultValue("30s") Duration interval, @DefaultValue("30s") Duration grace) {

  /** How long stored work may wait for the relay at most. */
  public Duration longestWait() {
    return interval.plus(grace);
  }
}
