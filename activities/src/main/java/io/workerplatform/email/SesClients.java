package io.workerplatform.email;

import java.net.URI;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sesv2.SesV2ClientBuilder;

/** Builds the SES v2 client the email capability sends through. */
public final class SesClients {
  private SesClients() {}

  /**
   * @param endpoint an SES-compatible endpoint (the local development server), or null for AWS
   * @param accessKeyId with {@code secretAccessKey}: static credentials; null: the SDK's default
   *     chain (environment, profile, container or instance role)
   * @param maxConnections concurrent HTTP connections to SES
   * @param callTimeout the longest a {@code SendEmail} call may take, connection included; past
   *     it the call fails and its message is in doubt (SES may have sent it)
   */
  public static SesV2Client create(
      URI endpoint, String region, String accessKeyId, String secretAccessKey, int maxConnections,
      Duration callTimeout) {
    AwsCredentialsProvider credentials =
        accessKeyId == null || accessKeyId.isBlank()
            ? DefaultCredentialsProvider.builder().build()
            : StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKeyId, secretAccessKey));
    SesV2ClientBuilder builder =
        SesV2Client.builder()
            .region(Region.of(region))
            .credentialsProvider(credentials)
            .httpClientBuilder(
                ApacheHttpClient.builder()
                    .maxConnections(maxConnections)
                    .connectionTimeout(Duration.ofSeconds(5))
                    .socketTimeout(callTimeout))
            // One retry layer only: the activity's, visible in the Web UI and in the message row.
            // A bound on the whole call: a socket timeout alone restarts with every byte received.
            .overrideConfiguration(
                o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()).apiCallTimeout(callTimeout).apiCallAttemptTimeout(callTimeout));
    if (endpoint != null) {
      builder.endpointOverride(endpoint);
    }
    return builder.build();
  }
}
