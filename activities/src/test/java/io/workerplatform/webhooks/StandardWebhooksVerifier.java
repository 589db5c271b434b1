package io.workerplatform.webhooks;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** A receiver's independent check of a Standard Webhooks signature, written from the spec. */
public final class StandardWebhooksVerifier {
  private StandardWebhooksVerifier() {}

  public static String expectedSignature(String secret, String id, long timestamp, byte[] body) {
    try {
      byte[] key = Base64.getDecoder().decode(secret.substring("whsec_".length()));
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      byte[] signed =
          (id + "." + timestamp + "." + new String(body, StandardCharsets.UTF_8))
              .getBytes(StandardCharsets.UTF_8);
      return "v1," + Base64.getEncoder().encodeToString(mac.doFinal(signed));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * The receiver's side of the Standard Webhooks algorithm: the header holds space-separated
   * {@code v1,<signature>} entries, and the request is genuine when any of them matches.
   */
  public static boolean verifies(String header, String secret, String id, long timestamp, byte[] body) {
    String expected = expectedSignature(secret, id, timestamp, body);
    for (String signature : header.split(" ")) {
      if (java.security.MessageDigest.isEqual(
          signature.getBytes(StandardCharsets.UTF_8), expected.getBytes(StandardCharsets.UTF_8))) {
        return true;
      }
    }
    return false;
  }
}
