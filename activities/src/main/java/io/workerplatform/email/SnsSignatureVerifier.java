package io.workerplatform.email;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.Date;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import javax.net.ssl.SSLException;
import org.apache.hc.client5.http.ssl.DefaultHostnameVerifier;

/**
 * Checks that an SNS message was signed by SNS, with the rules of the AWS SDK's own SNS message
 * validation: the signing certificate comes over https from exactly SNS's host for the region of
 * the message's topic ({@code sns.<region>.<partition's DNS suffix>}: {@code amazonaws.com},
 * {@code amazonaws.com.cn}, ...); the certificate is issued to the name SNS signs with in that
 * region ({@link SnsSigningNames}) and is within its validity; the signature (version 1:
 * SHA1withRSA, version 2: SHA256withRSA) verifies over the message's string to sign; and the
 * message is at most an hour old (SNS's own limit on a message's lifetime), so a captured message
 * cannot be replayed later. Version 1 can be refused ({@code acceptVersion1} false).
 */
public class SnsSignatureVerifier {
  /** SNS stops retrying a message after an hour; anything older is a replay. */
  static final Duration MAX_AGE = Duration.ofHours(1);
  /** Clocks differ: a message may claim to come from a little in the future. */
  static final Duration MAX_CLOCK_SKEW = Duration.ofMinutes(15);
  private static final int MAX_CERTIFICATE_BYTES = 64 * 1024;
  private static final int MAX_CACHED = 50;
  private static final Pattern TOPIC_ARN = Pattern.compile("arn:[a-z-]+:sns:([a-z0-9-]+):\\d{12}:[A-Za-z0-9_.-]+");

  /** Where a certificate comes from and whose it must be. */
  public interface CertificatePolicy {
    /** Why this URL is not where SNS serves certificates for the region, or null. */
    String urlProblem(URI url, String region);

    /** The name the certificate must be issued to for the region. */
    String signingName(String region);
  }

  /** SNS itself: https from {@code sns.<region>.<dnsSuffix>}, issued to SNS's signing name. */
  public static final CertificatePolicy AWS = new CertificatePolicy() {
    @Override
    public String urlProblem(URI url, String region) {
      String host = SnsSigningNames.certificateHost(region);
      boolean ok = "https".equals(url.getScheme()) && host.equals(url.getHost()) && url.getPort() == -1
          && url.getUserInfo() == null && url.getRawQuery() == null && url.getRawPath() != null
          && url.getRawPath().endsWith(".pem");
      return ok ? null : "SigningCertURL is not https://" + host + "/...pem, SNS's host for " + region;
    }

    @Override
    public String signingName(String region) {
      return SnsSigningNames.signingName(region);
    }
  };

  /** Fetches a certificate's bytes (https, no redirects: see {@link #https()}). */
  @FunctionalInterface
  public interface Fetch {
    byte[] get(URI url) throws IOException, InterruptedException;
  }

  private final CertificatePolicy policy;
  private final Fetch fetch;
  private final Clock clock;
  private final boolean acceptVersion1;
  private final Map<URI, X509Certificate> certificates = new ConcurrentHashMap<>();
  private final DefaultHostnameVerifier names = new DefaultHostnameVerifier();

  public SnsSignatureVerifier(CertificatePolicy policy, Fetch fetch, Clock clock, boolean acceptVersion1) {
    this.policy = policy;
    this.fetch = fetch;
    this.clock = clock;
    this.acceptVersion1 = acceptVersion1;
  }

  /** SNS's rules, certificates fetched over https. */
  public static SnsSignatureVerifier aws(Clock clock, boolean acceptVersion1) {
    return new SnsSignatureVerifier(AWS, https(), clock, acceptVersion1);
  }

  /** Returns null when the message is SNS's and fresh, else why not. */
  public String problem(SnsMessage message) {
    String algorithm =
        switch (message.signatureVersion()) {
          case "1" -> acceptVersion1 ? "SHA1withRSA" : null;
          case "2" -> "SHA256withRSA";
          default -> null;
        };
    if (algorithm == null) {
      return "1".equals(message.signatureVersion())
          ? "SignatureVersion 1 is refused (platform.email.sns.accept-signature-version-1=false)"
          : "unsupported SignatureVersion " + message.signatureVersion();
    }
    var topic = TOPIC_ARN.matcher(message.topicArn());
    if (!topic.matches()) {
      return "TopicArn is not an SNS topic ARN";
    }
    String region = topic.group(1);
    String age = ageProblem(message.timestamp());
    if (age != null) {
      return age;
    }
    URI url;
    try {
      url = new URI(message.signingCertUrl());
    } catch (Exception e) {
      return "SigningCertURL is not a URL";
    }
    String urlProblem = policy.urlProblem(url, region);
    if (urlProblem != null) {
      return urlProblem;
    }
    try {
      X509Certificate certificate = certificate(url);
      certificate.checkValidity(Date.from(clock.instant()));
      names.verify(policy.signingName(region), certificate);
      Signature verifier = Signature.getInstance(algorithm);
      verifier.initVerify(certificate.getPublicKey());
      verifier.update(message.stringToSign().getBytes(StandardCharsets.UTF_8));
      return verifier.verify(Base64.getDecoder().decode(message.signature())) ? null : "signature does not verify";
    } catch (IllegalArgumentException e) {
      return "signature is not base64";
    } catch (CertificateExpiredException | CertificateNotYetValidException e) {
      return "the signing certificate is not valid now";
    } catch (SSLException e) {
      return "the signing certificate is not issued to " + policy.signingName(region);
    } catch (GeneralSecurityException | IOException e) {
      return "cannot verify: " + e.getMessage();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "cannot verify: interrupted";
    }
  }

  private String ageProblem(String timestamp) {
    Instant sent;
    try {
      sent = Instant.parse(timestamp);
    } catch (DateTimeParseException e) {
      return "Timestamp is not an ISO-8601 instant";
    }
    Instant now = clock.instant();
    if (sent.isBefore(now.minus(MAX_AGE))) {
      return "the message is older than " + MAX_AGE.toMinutes() + " minutes";
    }
    if (sent.isAfter(now.plus(MAX_CLOCK_SKEW))) {
      return "the message's Timestamp is in the future";
    }
    return null;
  }

  private X509Certificate certificate(URI url) throws IOException, InterruptedException, GeneralSecurityException {
    X509Certificate cached = certificates.get(url);
    if (cached != null) {
      return cached;
    }
    byte[] pem = fetch.get(url);
    String text = new String(pem, StandardCharsets.US_ASCII);
    if (!text.strip().startsWith("-----BEGIN CERTIFICATE-----")) {
      throw new GeneralSecurityException("the signing certificate is not a PEM certificate");
    }
    X509Certificate certificate =
        (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(pem));
    if (certificates.size() >= MAX_CACHED) {
      certificates.clear();
    }
    certificates.put(url, certificate);
    return certificate;
  }

  /** Fetches over the JDK's client: its default trust store checks the host's TLS certificate. */
  public static Fetch https() {
    HttpClient http =
        HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).followRedirects(HttpClient.Redirect.NEVER).build();
    return url -> {
      HttpResponse<InputStream> response =
          http.send(HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofInputStream());
      try (InputStream body = response.body()) {
        if (response.statusCode() != 200) {
          throw new IOException("certificate URL answered " + response.statusCode());
        }
        byte[] bytes = body.readNBytes(MAX_CERTIFICATE_BYTES + 1);
        if (bytes.length > MAX_CERTIFICATE_BYTES) {
          throw new IOException("the certificate is larger than " + MAX_CERTIFICATE_BYTES + " bytes");
        }
        return bytes;
      }
    };
  }
}
