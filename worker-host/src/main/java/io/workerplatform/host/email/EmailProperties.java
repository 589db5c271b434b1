package io.workerplatform.host.email;

import java.util.List;
import io.workerplatform.email.AllowList;
import io.workerplatform.email.EmailSettings;
import io.workerplatform.email.SesNotifications;
import io.workerplatform.email.SharedRate;
import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code platform.email.*}.
 *
 * @param from the sender address, verified in SES
 * @param allowList outside production, the only recipients that get mail: comma-separated
 *     addresses and {@code *@domain} patterns ({@code EMAILS_WHITELIST}); empty sends to everyone
 * @param maxPerSecond sends per second of all hosts together, unless {@code rate} is set
 * @param rate sends of all hosts together per second or minute ({@code 200/s}, {@code 100/min}),
 *     counted in PostgreSQL; empty: {@code max-per-second} per second
 * @param concurrency emails one host sends at once (the {@code email} queue's activity slots)
 * @param templatesLocation the application's templates ({@code classpath:mail/}, or a directory):
 *     one folder per template, as the platform's; empty: the platform's only
 * @param configurationSet the SES configuration set whose events are published to SNS, if any
 * @param ses where and as whom to call SES v2
 * @param sns how SES notifications arriving through SNS on {@code /callbacks/ses} are checked
 */
@ConfigurationProperties("platform.email")
public record EmailProperties(
    @DefaultValue("no-reply@worker-platform.local") String from,
    @DefaultValue("") String allowList,
    @DefaultValue("14") int maxPerSecond,
    @DefaultValue("") String rate,
    @DefaultValue("5") int concurrency,
    @DefaultValue("") String templatesLocation,
    String configurationSet,
    @DefaultValue Ses ses,
    @DefaultValue Sns sns) {

  /**
   * @param endpoint an SES-compatible endpoint such as the local development server; empty for AWS
   * @param region the AWS region of SES ({@code AWS_REGION})
   * @param accessKeyId empty: the AWS SDK's default credentials chain
   * @param secretAccessKey with {@code accessKeyId}: static credentials
   * @param maxConnections HTTP connections to SES per process
   * @param callTimeout the longest one {@code SendEmail} call may take; a call that runs past it
   *     leaves its message in doubt (marked in the message log) and is made again
   */
  public record Ses(
      URI endpoint,
      @DefaultValue("eu-west-1") String region,
      String accessKeyId,
      String secretAccessKey,
      @DefaultValue("50") int maxConnections,
      @DefaultValue("20s") Duration callTimeout) {}

  /**
   * @param verifySignatures check each message's SNS signature (leave on outside tests)
   * @param certificateUrlPattern empty (the default): signing certificates come over https from
   *     SNS's host for the topic's region, issued to SNS's signing name; set (tests only): the
   *     URLs they may come from instead, issued to {@code certificateName}
   * @param certificateName with {@code certificateUrlPattern}: the name certificates are issued to
   * @param acceptSignatureVersion1 SHA1 signatures, SNS's default for a topic; false once the topic
   *     is set to SignatureVersion 2
   * @param subscribeUrlPattern which subscription confirmation URLs are visited
   * @param topicArns the only SNS topics whose notifications and subscription confirmations are
   *     accepted (others: 403, nothing written or confirmed); empty, the default: none
   */
  public record Sns(
      @DefaultValue("true") boolean verifySignatures,
      @DefaultValue("") String certificateUrlPattern,
      @DefaultValue("") String certificateName,
      @DefaultValue("true") boolean acceptSignatureVersion1,
      @DefaultValue(SesNotifications.AWS_SUBSCRIBE_URL) String subscribeUrlPattern,
      @DefaultValue("") List<String> topicArns) {}

  public EmailProperties {
    if (concurrency < 1) {
      throw new IllegalArgumentException("platform.email.concurrency must be at least 1");
    }
  }

  public EmailSettings settings() {
    String configured = configurationSet == null || configurationSet.isBlank() ? null : configurationSet;
    if (rate.isBlank()) {
      return new EmailSettings(from, AllowList.parse(allowList), maxPerSecond, configured);
    }
    SharedRate.Rate parsed;
    try {
      parsed = SharedRate.Rate.parse(rate);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("platform.email.rate: " + e.getMessage(), e);
    }
    return new EmailSettings(from, AllowList.parse(allowList), parsed, configured);
  }
}
