package io.workerplatform.common;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** SHA-256 and HMAC-SHA256, which every JDK has: one place instead of a try/catch in each user. */
public final class Hashes {
  private Hashes() {}

  public static byte[] sha256(byte[] value) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(value);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  public static String sha256Hex(byte[] value) {
    return HexFormat.of().formatHex(sha256(value));
  }

  /** HMAC-SHA256 with {@code key} over the parts, in order. */
  public static byte[] hmacSha256(byte[] key, byte[]... parts) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      for (byte[] part : parts) {
        mac.update(part);
      }
      return mac.doFinal();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("every JDK has HmacSHA256", e);
    }
  }

  /**
   * A token for a URL: the HMAC-SHA256 of {@code message} with {@code key}, base64url without
   * padding. Derived, never stored: a database dump reveals none.
   */
  public static String hmacToken(byte[] key, String message) {
    return Base64.getUrlEncoder().withoutPadding()
        .encodeToString(hmacSha256(key, message.getBytes(StandardCharsets.UTF_8)));
  }

  /** Whether {@code given} is the {@code expected} token, compared in constant time; null never is. */
  public static boolean sameToken(String given, String expected) {
    return given != null
        && MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8), expected.getBytes(StandardCharsets.UTF_8));
  }
}
