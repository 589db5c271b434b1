package io.workerplatform.host.security;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.core.OAuth2AuthenticatedPrincipal;

/**
 * Who made a request: the platform's administrator, or the holder of an organization's API key,
 * which reaches that organization only.
 */
public record Caller(String keyId, String orgId) implements OAuth2AuthenticatedPrincipal {
  static final String ADMIN_ROLE = "ADMIN";
  static final Caller ADMIN = new Caller(null, null);

  private static final List<GrantedAuthority> ADMIN_AUTHORITIES =
      List.of(new SimpleGrantedAuthority("ROLE_" + ADMIN_ROLE));
  private static final List<GrantedAuthority> ORGANIZATION_AUTHORITIES =
      List.of(new SimpleGrantedAuthority("ROLE_ORGANIZATION"));

  public boolean isAdmin() {
    return orgId == null;
  }

  /** Whether this caller may reach the resources of organization {@code id}. */
  public boolean mayReach(String id) {
    return isAdmin() || orgId.equals(id);
  }

  @Override
  public Map<String, Object> getAttributes() {
    return isAdmin() ? Map.of() : Map.of("orgId", orgId, "keyId", keyId);
  }

  @Override
  public Collection<? extends GrantedAuthority> getAuthorities() {
    return isAdmin() ? ADMIN_AUTHORITIES : ORGANIZATION_AUTHORITIES;
  }

  /** An id for logs: the key's id, never the key. */
  @Override
  public String getName() {
    return isAdmin() ? "admin" : keyId;
  }
}
