package io.workerplatform.webhooks;

import io.workerplatform.common.Hashes;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Standard Webhooks signatures: {@code v1,<base64 HMAC-SHA256("<id>.<timestamp>.<body>")>}, keyed
 * with the bytes behind the {@code whsec_} prefix of the subscription secret.
 */
public final class WebhookSignature {
  static final String SECRET_PREFIX = "whsec_";
  private static final SecureRandom RANDOM = new SecureRandom();

  private WebhookSignature() {}

  public static String newSecret() {
    byte[] key = new byte[32];
    RANDOM.nextBytes(key);
    return SECRET_PREFIX + Base64.getEncoder().encodeToString(key);
  }

  public static String sign(String secret, String messageId, long timestampSeconds, byte[] body) {
    byte[] signed =
        Hashes.hmacSha256(
            keyBytes(secret), (messageId + "." + timestampSeconds + ".").getBytes(StandardCharsets.UTF_8), body);
    return "v1," + Base64.getEncoder().encodeToString(signed);
  }

  private static byte[] keyBytes(String secret) {
    if (!secret.startsWith(SECRET_PREFIX)) {
      throw new IllegalArgumentException("webhook secrets start with " + SECRET_PREFIX);
    }
    return Base64.getDecoder().decode(secret.substring(SECRET_PREFIX.length()));
  }
}
