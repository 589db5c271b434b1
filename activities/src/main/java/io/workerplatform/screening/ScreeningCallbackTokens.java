package io.workerplatform.screening;

import io.workerplatform.common.Hashes;

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
    return Hashes.hmacToken(key, "screening-callback/" + orgId);
  }

  /** Whether {@code token} authenticates a callback for the organization (in constant time). */
  public boolean matches(String orgId, String token) {
    return Hashes.sameToken(token, tokenFor(orgId));
  }
}
