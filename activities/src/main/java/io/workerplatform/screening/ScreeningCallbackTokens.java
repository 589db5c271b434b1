package io.workerplatform.screening;

import io.workerplatform.common.Hashes;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;

/**
 * The token in an organization's screening callback URL ({@code /callbacks/screening/<org>?token=}):
 * an HMAC of the organization's id with the platform's callback key. The provider's webhook is
 * unsigned, so the token is what authenticates it; nothing is stored, and a database dump reveals
 * no token.
 */
public final class ScreeningCallbackTokens {
  private final byte[] key;

  public ScreeningCallbackTokens(byte[] key) {
    this.key = key.clone();
  }

  public String tokenFor(String orgId) {
    byte[] digest = Hashes.hmacSha256(key, ("screening-callback/" + orgId).getBytes(StandardCharsets.UTF_8));
    return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
  }

  /** Whether {@code token} authenticates a callback for the organization (in constant time). */
  public boolean matches(String orgId, String token) {
    return token != null
        && MessageDigest.isEqual(token.getBytes(StandardCharsets.UTF_8), tokenFor(orgId).getBytes(StandardCharsets.UTF_8));
  }
}
