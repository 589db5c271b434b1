package io.workerplatform.host.security;

import io.workerplatform.apikeys.ApiKeyStore;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import java.util.HexFormat;

/**
 * The admin token of this process, kept only as its SHA-256. In remote mode it must be configured;
 * in embedded mode (development) an unset token is generated and printed once, so that a fresh
 * checkout runs with one command and is still not open to whoever reaches the port.
 */
final class AdminToken {
  private static final Logger log = LoggerFactory.getLogger(AdminToken.class);
  /** 32 characters: the README's {@code openssl rand -base64 32} gives 44; a human-chosen phrase of 20 was accepted before. */
  static final int MIN_LENGTH = 32;

  private final byte[] sha256;

  private AdminToken(String token) {
    this.sha256 = ApiKeyStore.sha256(token);
  }

  static AdminToken resolve(String configured, String mode) {
    if (configured != null && !configured.isBlank()) {
      if (configured.strip().length() < MIN_LENGTH) {
        throw new IllegalStateException(
            "platform.api.admin-token (PLATFORM_ADMIN_TOKEN) must be at least " + MIN_LENGTH
                + " characters; generate one with: openssl rand -base64 32");
      }
      return new AdminToken(configured.strip());
    }
    if (!"embedded".equals(mode)) {
      throw new IllegalStateException(
          "platform.api.admin-token (PLATFORM_ADMIN_TOKEN) is not set: in remote mode the REST API"
              + " needs an admin token. Generate one with: openssl rand -base64 32");
    }
    byte[] random = new byte[32];
    new SecureRandom().nextBytes(random);
    String token = "wpa_" + Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    log.warn(
        "No admin token configured (PLATFORM_ADMIN_TOKEN); this run's admin token is {}"
            + " (embedded mode only: set PLATFORM_ADMIN_TOKEN to keep one across restarts)",
        token);
    return new AdminToken(token);
  }

  /**
   * Names this admin token without revealing it (a hash of its hash): what a console session keeps,
   * so a session signed in with a token that has since been changed ends.
   */
  String fingerprint() {
    return HexFormat.of().formatHex(ApiKeyStore.sha256(HexFormat.of().formatHex(sha256)));
  }

  /** Compares in constant time: the token's hash, not the token, so length leaks nothing either. */
  boolean matches(byte[] candidateSha256) {
    return MessageDigest.isEqual(sha256, candidateSha256);
  }
}
