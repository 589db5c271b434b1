package io.workerplatform.signatures;

import io.workerplatform.common.Hashes;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * The token in a provider's callback URL: an HMAC of the signature request's id with a platform
 * key. Nothing is stored, a retried create sends the same URL, and a database dump reveals no
 * token. Requests created before tokens were derived keep their stored token, as its SHA-256.
 */
public final class CallbackTokens {
  private final byte[] key;

  public CallbackTokens(byte[] key) {
    this.key = key.clone();
  }

  public String tokenFor(String signatureRequestId) {
    return Hashes.hmacToken(key, "signature-callback/" + signatureRequestId);
  }

  /** Whether {@code token} authenticates a callback of {@code request} (in constant time). */
  public boolean matches(SignatureStore.Request request, String token) {
    if (token == null) {
      return false;
    }
    byte[] given = token.getBytes(StandardCharsets.UTF_8);
    boolean derived = Hashes.sameToken(token, tokenFor(request.id()));
    // An older request's provider holds the stored token; one created at the provider since, the derived one.
    boolean legacy =
        request.legacyCallbackTokenSha256() != null
            && MessageDigest.isEqual(Hashes.sha256(given), request.legacyCallbackTokenSha256());
    return derived | legacy;
  }

}
