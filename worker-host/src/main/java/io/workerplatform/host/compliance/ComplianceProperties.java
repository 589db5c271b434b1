package io.workerplatform.host.compliance;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code platform.compliance.*}: the points each issue costs (score = 100 minus their sum) and the
 * nightly pace.
 *
 * @param weights the points each finding costs
 * @param perMinute organizations the nightly {@code compliance-refresh} scores a minute at most
 *     (its run's input {@code perMinute} overrides it)
 */
@ConfigurationProperties("platform.compliance")
public record ComplianceProperties(@DefaultValue Weights weights, @DefaultValue("5") int perMinute) {

  /**
   * Points each compliance finding costs.
   *
   * @param missing a required document missing
   * @param expired a required document whose latest expiry has passed
   * @param expiring a required document expiring within 30 days
   * @param overdueFiling a filing in DRAFT or PREPARED past its due date
   * @param filingDueSoon a filing in DRAFT or PREPARED due within 7 days
   */
  public record Weights(
      @DefaultValue("10") int missing, @DefaultValue("15") int expired, @DefaultValue("5") int expiring,
      @DefaultValue("20") int overdueFiling, @DefaultValue("5") int filingDueSoon) {

    public Weights {
      for (int w : new int[] {missing, expired, expiring, overdueFiling, filingDueSoon}) {
        if (w < 0 || w > 100) {
          throw new IllegalArgumentException("platform.compliance.weights: each is 0 to 100 points");
        }
      }
    }
  }

  public ComplianceProperties {
    if (perMinute < 1) {
      throw new IllegalArgumentException("platform.compliance.per-minute must be at least 1");
    }
  }
}
