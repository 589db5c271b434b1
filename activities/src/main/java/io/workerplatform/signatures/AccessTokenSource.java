package io.workerplatform.signatures;

/**
 * Supplies OAuth access tokens for DocuSign. The configured implementation is a fixed token; an
 * application with the JWT grant or a token cache plugs in its own bean.
 */
@FunctionalInterface
public interface AccessTokenSource {
  /** A currently valid access token (without the {@code Bearer} prefix). */
  String accessToken();
}
