package io.workerplatform.host.security;

import io.workerplatform.apikeys.ApiKeyStore;
import io.workerplatform.host.api.ApiProperties;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.springframework.security.oauth2.core.OAuth2AuthenticatedPrincipal;
import org.jooq.exception.DataAccessException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.server.resource.introspection.BadOpaqueTokenException;
import org.springframework.security.oauth2.server.resource.introspection.OpaqueTokenIntrospector;

/**
 * Turns a bearer token into a {@link Caller}: the admin token, or an organization key found by its
 * SHA-256. Valid keys are cached for {@code platform.api.key-cache-ttl}, so the publish path costs
 * a hash and a map lookup; "last used" is written at most once per resolution and key.
 */
public class ApiTokens implements OpaqueTokenIntrospector {
  /** More distinct valid keys than this in one TTL empties the cache rather than growing it. */
  private static final int MAX_CACHED = 10_000;

  private record Cached(Caller caller, long loadedAt, AtomicLong lastMarkedUsed) {}

  private final AdminToken admin;
  private final ApiKeyStore keys;
  private final long ttlNanos;
  private final long resolutionNanos;
  private final Duration resolution;
  private final LongSupplier nanoTime;
  private final Map<String, Cached> cache = new ConcurrentHashMap<>();
  /** Tokens found unknown, by SHA-256, with when that answer ends: a guess costs no query. */
  private final Map<String, Long> unknown = new ConcurrentHashMap<>();
  private final long unknownTtlNanos;
  private final KeyRates rates;

  ApiTokens(AdminToken admin, ApiKeyStore keys, ApiProperties properties, LongSupplier nanoTime) {
    this.admin = admin;
    this.keys = keys;
    this.ttlNanos = properties.keyCacheTtl().toNanos();
    this.resolution = properties.lastUsedResolution();
    this.resolutionNanos = resolution.toNanos();
    this.nanoTime = nanoTime;
    this.unknownTtlNanos = properties.throttling().unknownTokenCacheTtl().toNanos();
    this.rates = new KeyRates(properties.throttling().keyRate());
  }

  @Override
  public OAuth2AuthenticatedPrincipal introspect(String token) {
    Optional<Caller> caller;
    try {
      caller = authenticate(token);
    } catch (DataAccessException e) {
      // Not the caller's fault: the entry point answers 503 for this kind.
      throw new TokenUncheckable(e);
    }
    return caller.orElseThrow(() -> new BadOpaqueTokenException("unknown or revoked token"));
  }

  /**
   * The token could not be checked (the database is down). Not an {@code
   * AuthenticationServiceException}: Spring Security rethrows those past the entry point.
   */
  static final class TokenUncheckable extends AuthenticationException {
    TokenUncheckable(Throwable cause) {
      super("the token cannot be checked now", cause);
    }
  }

  public Optional<Caller> authenticate(String token) {
    byte[] sha256 = ApiKeyStore.sha256(token);
    if (admin.matches(sha256)) {
      return Optional.of(Caller.ADMIN);
    }
    String cacheKey = HexFormat.of().formatHex(sha256);
    long now = nanoTime.getAsLong();
    Cached cached = cache.get(cacheKey);
    if (cached == null || now - cached.loadedAt() > ttlNanos) {
      Long unknownUntil = unknown.get(cacheKey);
      if (unknownUntil != null && now - unknownUntil < 0) {
        return Optional.empty();
      }
      Optional<ApiKeyStore.Owner> owner = keys.findValid(token);
      if (owner.isEmpty()) {
        cache.remove(cacheKey);
        if (unknown.size() >= MAX_CACHED) {
          unknown.clear();
        }
        unknown.put(cacheKey, now + unknownTtlNanos);
        return Optional.empty();
      }
      unknown.remove(cacheKey);
      rates.configure(owner.get().keyId(), owner.get().orgId(), owner.get().rate());
      if (cache.size() >= MAX_CACHED) {
        cache.clear();
      }
      long lastMarked = cached == null ? now - resolutionNanos - 1 : cached.lastMarkedUsed().get();
      cached = new Cached(new Caller(owner.get().keyId(), owner.get().orgId()), now, new AtomicLong(lastMarked));
      cache.put(cacheKey, cached);
    }
    markUsed(cached, now);
    return Optional.of(cached.caller());
  }

  /**
   * What a console session remembers of the credential it signed in with (never the token): the
   * admin token's fingerprint, or the key's id.
   */
  String sessionCredential(Caller caller) {
    return caller.isAdmin() ? "admin:" + admin.fingerprint() : "key:" + caller.keyId();
  }

  /**
   * Whether a console session's credential still holds: the admin token unchanged, the key not
   * revoked. The key is read from the database on every console request, not from the cache: a
   * revocation by any host ends the session at its next request (a person's clicks, so the query
   * costs nothing that matters).
   *
   * @throws DataAccessException when the database cannot answer
   */
  boolean stillValid(String sessionCredential) {
    if (sessionCredential == null) {
      return false;
    }
    if (sessionCredential.startsWith("admin:")) {
      return sessionCredential.equals("admin:" + admin.fingerprint());
    }
    return sessionCredential.startsWith("key:") && keys.isValid(sessionCredential.substring("key:".length()));
  }

  /**
   * Takes one request of the caller's rate: 0 when it may go (the admin token always may),
   * otherwise nanoseconds until it may.
   */
  long acquire(Caller caller) {
    return caller.isAdmin() ? 0 : rates.acquire(caller.keyId(), caller.orgId());
  }

  /** The organization's new rate, for its keys this host knows (other hosts: at their next lookup). */
  public void rateChanged(String orgId, ApiKeyStore.Rate rate) {
    rates.reconfigure(orgId, rate);
  }

  /** Forgets a revoked key (announced by any host: see RevocationListener). */
  public void forget(String keyId) {
    cache.values().removeIf(c -> keyId.equals(c.caller().keyId()));
  }

  /** Forgets every key: each is looked up again on its next use. */
  void forgetAll() {
    cache.clear();
  }

  private void markUsed(Cached cached, long now) {
    long last = cached.lastMarkedUsed().get();
    if (now - last > resolutionNanos && cached.lastMarkedUsed().compareAndSet(last, now)) {
      keys.markUsed(cached.caller().keyId(), resolution);
    }
  }
}
