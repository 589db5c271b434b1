package io.workerplatform.host.gdpr;

import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code platform.gdpr.*}.
 *
 * @param retentionDays days a soft-deleted row of each category ({@code petitions}, {@code
 *     contacts}, {@code members}, {@code files}) is kept before the anonymizer overwrites it, unless the
 *     organization has its own period in {@code retention_periods}; {@code events}: days after
 *     which a domain event's payload is overwritten, counted from its creation
 * @param exportExpiryDays days a completed export can be downloaded; then the cron job {@code
 *     gdpr-export-cleanup} deletes its archive
 */
@ConfigurationProperties("platform.gdpr")
public record GdprProperties(
    @DefaultValue Map<String, Integer> retentionDays, @DefaultValue("7") int exportExpiryDays) {

  public GdprProperties {
    if (exportExpiryDays < 1) {
      throw new IllegalArgumentException("platform.gdpr.export-expiry-days must be at least 1, was " + exportExpiryDays);
    }
  }
}
