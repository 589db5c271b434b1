package io.workerplatform.email;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Checks that an SNS message was signed by SNS: its signing certificate must come from an URL of
 * the allowed form (by default {@code https://sns.<region>.amazonaws.com/...pem}), and the
 * signature (version 1: SHA1withRSA, version 2: SHA256withRSA) must verify over the message's
 * string to sign. Certificates are fetched once per URL.
 */
public class SnsSignatureVerifier {
  /** Where SNS serves its signing certificates (the default of the allowed form). */
  public static final String AWS_CERTIFICATE_URL =
      "https://sns\\.[a-z0-9-]+\\.amazonaws\\.com(\\.cn)?/[^?#]+\\.pem";

  private final Pattern allowedCertificateUrl;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).followRedirects(HttpClient.Redirect.NEVER).build();
  private final Map<String, X509Certificate> certificates = new ConcurrentHashMap<>();

  public SnsSignatureVerifier(Pattern allowedCertificateUrl) {
    this.allowedCertificateUrl = allowedCertificateUrl;
  }

  /** Returns null when the signature verifies, else why not. */
  public String problem(SnsMessage message) {
    String algorithm =
        switch (message.signatureVersion()) {
          case "1" -> "SHA1withRSA";
          case "2" -> "SHA256withRSA";
          default -> null;
        };
    if (algorithm == null) {
      return "unsupported SignatureVersion " + message.signatureVersion();
    }
    if (!allowedCertificateUrl.matcher(message.signingCertUrl()).matches()) {
      return "SigningCertURL is not an SNS certificate URL";
    }
    try {
      X509Certificate certificate = certificates.computeIfAbsent(message.signingCertUrl(), this::fetch);
      Signature verifier = Signature.getInstance(algorithm);
      verifier.initVerify(certificate.getPublicKey());
      verifier.update(message.stringToSign().getBytes(StandardCharsets.UTF_8));
      return verifier.verify(Base64.getDecoder().decode(message.signature())) ? null : "signature does not verify";
    } catch (IllegalArgumentException e) {
      return "signature is not base64";
    } catch (GeneralSecurityException | CertificateFetchException e) {
      return "cannot verify: " + e.getMessage();
    }
  }

  private X509Certificate fetch(String url) {
    try {
      HttpResponse<byte[]> response =
          http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
              HttpResponse.BodyHandlers.ofByteArray());
      if (response.statusCode() != 200) {
        throw new CertificateFetchException("certificate URL answered " + response.statusCode());
      }
      return (X509Certificate)
          CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(response.body()));
    } catch (IOException | GeneralSecurityException e) {
      throw new CertificateFetchException("cannot fetch the signing certificate: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CertificateFetchException("interrupted");
    }
  }

  private static final class CertificateFetchException extends RuntimeException {
    CertificateFetchException(String message) {
      super(message);
    }
  }
}
