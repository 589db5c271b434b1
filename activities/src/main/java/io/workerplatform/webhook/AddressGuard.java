package io.workerplatform.webhook;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Optional;

/**
 * The SSRF guard: refuses webhook URLs whose host resolves to loopback, private, link-local (which
 * includes the 169.254.169.254 metadata service), carrier-grade NAT, unique-local IPv6 or other
 * non-public addresses, unless private addresses are allowed (development).
 *
 * <p>The check resolves the name just before the request; a DNS answer that changes between the
 * check and the connection (rebinding) is not covered.
 */
public final class AddressGuard {
  private final boolean allowPrivateAddresses;

  public AddressGuard(boolean allowPrivateAddresses) {
    this.allowPrivateAddresses = allowPrivateAddresses;
  }

  /** Why the URL's syntax is unusable for a webhook, or empty when it is fine. */
  public static Optional<String> syntaxProblem(String url) {
    URI uri;
    try {
      uri = new URI(url);
    } catch (Exception e) {
      return Optional.of("is not a valid URL");
    }
    String scheme = uri.getScheme();
    if (scheme == null || !(scheme.equalsIgnoreCase("https") || scheme.equalsIgnoreCase("http"))) {
      return Optional.of("must be an http or https URL");
    }
    if (uri.getHost() == null || uri.getHost().isBlank()) {
      return Optional.of("has no host");
    }
    if (uri.getUserInfo() != null) {
      return Optional.of("must not carry credentials");
    }
    return Optional.empty();
  }

  /**
   * Why a request to this URL is refused, or empty when it may be sent.
   *
   * @throws UnknownHostException when the name does not resolve (may be transient)
   */
  public Optional<String> refusal(URI uri) throws UnknownHostException {
    if (allowPrivateAddresses) {
      return Optional.empty();
    }
    for (InetAddress address : InetAddress.getAllByName(uri.getHost())) {
      if (!isPublic(address)) {
        return Optional.of(
            "refused: " + uri.getHost() + " resolves to non-public address "
                + address.getHostAddress());
      }
    }
    return Optional.empty();
  }

  static boolean isPublic(InetAddress address) {
    if (address.isLoopbackAddress()
        || address.isAnyLocalAddress()
        || address.isLinkLocalAddress()
        || address.isSiteLocalAddress()
        || address.isMulticastAddress()) {
      return false;
    }
    byte[] b = address.getAddress();
    if (address instanceof Inet4Address) {
      int first = b[0] & 0xff;
      int second = b[1] & 0xff;
      return first != 0 // "this" network
          && !(first == 100 && second >= 64 && second < 128) // carrier-grade NAT
          && !(first == 192 && second == 0 && (b[2] & 0xff) == 0) // IETF protocol assignments
          && !(first == 198 && (second == 18 || second == 19)) // benchmarking
          && first < 240; // reserved and broadcast
    }
    if (address instanceof Inet6Address) {
      return (b[0] & 0xfe) != 0xfc; // unique local fc00::/7
    }
    return false;
  }
}
