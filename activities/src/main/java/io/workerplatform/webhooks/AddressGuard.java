package io.workerplatform.webhooks;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Collection;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.hc.client5.http.DnsResolver;

/**
 * The SSRF guard: refuses webhook URLs whose host resolves to loopback, private, link-local (which
 * includes the 169.254.169.254 metadata service), carrier-grade NAT, unique-local IPv6 or other
 * non-public addresses, unless private addresses are allowed (embedded development) or the host
 * is one the operator named ({@code platform.webhooks.allowed-hosts}: a receiver a developer runs
 * on a private address, reached without opening the private ranges to every webhook). Where
 * private addresses are refused, URLs must be https unless {@code platform.webhooks.allow-http}.
 *
 * <p>The webhook sender checks the very addresses it connects to ({@link #resolver}): there is no
 * second DNS resolution between the check and the connection, so a name that rebinds to a private
 * address after the check is never reached. Refusals name the host, never the address it resolved
 * to.
 */
public final class AddressGuard {
  private final boolean allowPrivateAddresses;
  private final Set<String> allowedHosts;
  private final boolean allowHttp;

  /**
   * @param allowedHosts host names (case-insensitive) reached whatever they resolve to
   * @param allowHttp plain http accepted where private addresses are refused
   */
  public AddressGuard(boolean allowPrivateAddresses, Collection<String> allowedHosts, boolean allowHttp) {
    this.allowPrivateAddresses = allowPrivateAddresses;
    this.allowedHosts =
        allowedHosts.stream().map(String::strip).filter(h -> !h.isEmpty()).map(h -> h.toLowerCase(Locale.ROOT))
            .collect(Collectors.toUnmodifiableSet());
    this.allowHttp = allowHttp;
  }

  public static AddressGuard of(WebhookSettings settings) {
    return new AddressGuard(settings.allowPrivateAddresses(), settings.allowedHosts(), settings.allowHttp());
  }

  /** Why this URL's scheme is refused (plain http where the guard is on), or empty. */
  public Optional<String> schemeRefusal(URI uri) {
    if (allowPrivateAddresses || allowHttp || "https".equalsIgnoreCase(uri.getScheme())) {
      return Optional.empty();
    }
    return Optional.of("must be an https URL (plain http is refused unless platform.webhooks.allow-http is set)");
  }

  private boolean unchecked(String host) {
    return allowPrivateAddresses || (host != null && allowedHosts.contains(host.toLowerCase(Locale.ROOT)));
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
    Optional<String> scheme = schemeRefusal(uri);
    if (scheme.isPresent()) {
      return scheme;
    }
    if (unchecked(uri.getHost())) {
      return Optional.empty(); // nothing to check, so no lookup either
    }
    try {
      checked(uri.getHost(), InetAddress.getAllByName(uri.getHost()));
      return Optional.empty();
    } catch (RefusedAddressException e) {
      return Optional.of(e.getMessage());
    }
  }

  /** How names are resolved: the system's resolver, or one a test controls. */
  @FunctionalInterface
  public interface Lookup {
    InetAddress[] resolve(String host) throws UnknownHostException;
  }

  /**
   * A resolver for the HTTP client that answers only addresses this guard allows: the client
   * connects to what was checked, and to nothing else.
   */
  public DnsResolver resolver(Lookup lookup) {
    return new DnsResolver() {
      @Override
      public InetAddress[] resolve(String host) throws UnknownHostException {
        return checked(host, lookup.resolve(host));
      }

      @Override
      public String resolveCanonicalHostname(String host) throws UnknownHostException {
        return host; // never used for connecting; a second lookup here would defeat the point
      }
    };
  }

  private InetAddress[] checked(String host, InetAddress[] addresses) throws RefusedAddressException {
    if (!unchecked(host)) {
      for (InetAddress address : addresses) {
        if (!isPublic(address)) {
          throw new RefusedAddressException("refused: " + host + " resolves to a non-public address");
        }
      }
    }
    return addresses;
  }

  /** The name resolved to an address webhooks may not reach; the message does not say which. */
  public static final class RefusedAddressException extends UnknownHostException {
    RefusedAddressException(String message) {
      super(message);
    }
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
      boolean nat64 = // 64:ff9b::/96 and the local-use 64:ff9b:1::/48 reach IPv4 addresses
          b[0] == 0x00 && b[1] == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b;
      boolean sixToFour = b[0] == 0x20 && b[1] == 0x02; // 2002::/16 embeds an IPv4 address
      boolean teredo = b[0] == 0x20 && b[1] == 0x01 && b[2] == 0 && b[3] == 0; // 2001::/32
      boolean ipv4Compatible = true; // ::a.b.c.d, deprecated, and ::/96 in general
      for (int i = 0; i < 12; i++) {
        ipv4Compatible &= b[i] == 0;
      }
      return (b[0] & 0xfe) != 0xfc // unique local fc00::/7
          && !nat64 && !sixToFour && !teredo && !ipv4Compatible;
    }
    return false;
  }
}
