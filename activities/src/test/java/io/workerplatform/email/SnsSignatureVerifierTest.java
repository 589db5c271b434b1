package io.workerplatform.email;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.Signature;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * SNS's rules with a generated certificate chain: only SNS's host for the topic's region, over
 * https, serves the certificate; it must be issued to SNS's signing name for that region and be
 * valid; the message must be at most an hour old; SignatureVersion 1 can be refused. The network
 * fetch is the one part played here (AWS's hosts cannot be reached): a map of URL to PEM.
 */
class SnsSignatureVerifierTest {
  private static final String TOPIC = "arn:aws:sns:eu-west-1:123456789012:ses-events";
  private static final String CERT_URL = "https://sns.eu-west-1.amazonaws.com/SimpleNotificationService-1234.pem";
  /**
   * The verifier's clock: an hour after the test starts, inside the two days of the leaves keytool
   * issues at the real time. (A fixed date stopped working the day it passed: the leaves, issued
   * later, were not valid yet at it.)
   */
  private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS).plus(Duration.ofHours(1));

  private static SnsCertificates chain;
  private static SnsCertificates.Leaf sns;

  private final Map<String, byte[]> served = new HashMap<>();
  private final List<URI> fetched = new ArrayList<>();
  private Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);

  @BeforeAll
  static void chain() throws Exception {
    chain = new SnsCertificates();
    sns = chain.leaf("sns.amazonaws.com", null, 2);
  }

  private SnsSignatureVerifier verifier(boolean acceptVersion1) {
    return new SnsSignatureVerifier(SnsSignatureVerifier.AWS, url -> {
      fetched.add(url);
      byte[] pem = served.get(url.toString());
      if (pem == null) {
        throw new java.io.IOException("certificate URL answered 404");
      }
      return pem;
    }, clock, acceptVersion1);
  }

  private static SnsMessage message(SnsCertificates.Leaf leaf, String topic, String certUrl, String version, Instant at)
      throws Exception {
    SnsMessage unsigned = new SnsMessage("Notification", "m-1", topic, null, "{\"eventType\":\"Bounce\"}", at.toString(),
        null, null, version, "", certUrl);
    Signature signature = Signature.getInstance("1".equals(version) ? "SHA1withRSA" : "SHA256withRSA");
    signature.initSign(leaf.key());
    signature.update(unsigned.stringToSign().getBytes(StandardCharsets.UTF_8));
    return new SnsMessage("Notification", "m-1", topic, null, unsigned.message(), unsigned.timestamp(), null, null, version,
        Base64.getEncoder().encodeToString(signature.sign()), certUrl);
  }

  @Test
  void aMessageSignedBySnsWithItsRegionsCertificateVerifiesInBothVersions() throws Exception {
    served.put(CERT_URL, sns.pem());
    SnsSignatureVerifier verifier = verifier(true);

    assertThat(verifier.problem(message(sns, TOPIC, CERT_URL, "2", NOW.minusSeconds(5)))).isNull();
    assertThat(verifier.problem(message(sns, TOPIC, CERT_URL, "1", NOW.minusSeconds(5)))).isNull();
    assertThat(fetched).hasSize(1); // cached by URL
    SnsSignatureVerifier.Fetch never = url -> { throw new AssertionError("fetched"); };
    assertThat(new SnsSignatureVerifier(SnsSignatureVerifier.AWS, never, clock, false)
            .problem(message(sns, TOPIC, CERT_URL, "1", NOW)))
        .isEqualTo("SignatureVersion 1 is refused (platform.email.sns.accept-signature-version-1=false)");
  }

  @Test
  void onlySnsHostForTheTopicsRegionOverHttpsIsAskedForACertificate() throws Exception {
    SnsSignatureVerifier verifier = verifier(true);
    for (String url : List.of(
        "https://sns.s3.amazonaws.com/SimpleNotificationService-1234.pem", // an S3 bucket named sns: the old pattern took it
        "http://sns.eu-west-1.amazonaws.com/SimpleNotificationService-1234.pem",
        "https://sns.us-east-1.amazonaws.com/SimpleNotificationService-1234.pem", // another region
        "https://sns.eu-west-1.amazonaws.com.evil.example/SimpleNotificationService-1234.pem",
        "https://sns.eu-west-1.amazonaws.com:8443/SimpleNotificationService-1234.pem",
        "https://sns.eu-west-1.amazonaws.com/SimpleNotificationService-1234.pem?x=1")) {
      served.put(url, sns.pem());
      assertThat(verifier.problem(message(sns, TOPIC, url, "2", NOW))).as(url)
          .isEqualTo("SigningCertURL is not https://sns.eu-west-1.amazonaws.com/...pem, SNS's host for eu-west-1");
    }
    assertThat(fetched).isEmpty();
  }

  @Test
  void theCertificateMustBeIssuedToSnsSigningNameForTheRegionAndBeValidNow() throws Exception {
    SnsSignatureVerifier verifier = verifier(true);
    SnsCertificates.Leaf other = chain.leaf("sns.evil.example", null, 2);
    served.put(CERT_URL, other.pem());
    assertThat(verifier.problem(message(other, TOPIC, CERT_URL, "2", NOW)))
        .isEqualTo("the signing certificate is not issued to sns.amazonaws.com");

    SnsCertificates.Leaf expired = chain.leaf("sns.amazonaws.com", "-3d", 1);
    String expiredUrl = "https://sns.eu-west-1.amazonaws.com/SimpleNotificationService-old.pem";
    served.put(expiredUrl, expired.pem());
    assertThat(verifier.problem(message(expired, TOPIC, expiredUrl, "2", NOW)))
        .isEqualTo("the signing certificate is not valid now");

    // China: its own host and signing name
    SnsCertificates.Leaf china = chain.leaf("sns-cn-north-1.amazonaws.com.cn", null, 2);
    String chinaUrl = "https://sns.cn-north-1.amazonaws.com.cn/SimpleNotificationService-cn.pem";
    served.put(chinaUrl, china.pem());
    String chinaTopic = "arn:aws-cn:sns:cn-north-1:123456789012:ses-events";
    assertThat(verifier.problem(message(china, chinaTopic, chinaUrl, "2", NOW))).isNull();
    served.put(chinaUrl.replace("-cn.pem", "-cn2.pem"), sns.pem());
    assertThat(verifier.problem(message(sns, chinaTopic, chinaUrl.replace("-cn.pem", "-cn2.pem"), "2", NOW)))
        .isEqualTo("the signing certificate is not issued to sns-cn-north-1.amazonaws.com.cn");
  }

  @Test
  void aMessageOlderThanAnHourIsRefusedAsAReplay() throws Exception {
    served.put(CERT_URL, sns.pem());
    SnsSignatureVerifier verifier = verifier(true);

    assertThat(verifier.problem(message(sns, TOPIC, CERT_URL, "2", NOW.minus(Duration.ofMinutes(59))))).isNull();
    assertThat(verifier.problem(message(sns, TOPIC, CERT_URL, "2", NOW.minus(Duration.ofMinutes(61)))))
        .isEqualTo("the message is older than 60 minutes");
    assertThat(verifier.problem(message(sns, TOPIC, CERT_URL, "2", NOW.plus(Duration.ofHours(1)))))
        .isEqualTo("the message's Timestamp is in the future");
  }

  @Test
  void aTamperedMessageDoesNotVerify() throws Exception {
    served.put(CERT_URL, sns.pem());
    SnsMessage signed = message(sns, TOPIC, CERT_URL, "2", NOW);
    SnsMessage tampered = new SnsMessage(signed.type(), signed.messageId(), signed.topicArn(), null,
        "{\"eventType\":\"Delivery\"}", signed.timestamp(), null, null, "2", signed.signature(), CERT_URL);

    assertThat(verifier(true).problem(tampered)).isEqualTo("signature does not verify");
  }

  @Test
  void signingHostsAndNamesFollowThePartitions() {
    assertThat(SnsSigningNames.certificateHost("eu-west-1")).isEqualTo("sns.eu-west-1.amazonaws.com");
    assertThat(SnsSigningNames.certificateHost("cn-northwest-1")).isEqualTo("sns.cn-northwest-1.amazonaws.com.cn");
    assertThat(SnsSigningNames.certificateHost("us-gov-west-1")).isEqualTo("sns.us-gov-west-1.amazonaws.com");
    assertThat(SnsSigningNames.signingName("us-east-1")).isEqualTo("sns.amazonaws.com");
    assertThat(SnsSigningNames.signingName("af-south-1")).isEqualTo("sns-signing.af-south-1.amazonaws.com");
    assertThat(SnsSigningNames.signingName("us-gov-east-1")).isEqualTo("sns-us-gov-west-1.amazonaws.com");
  }
}
