package io.workerplatform.host.security;

import io.workerplatform.host.api.ProblemResponses;
import io.workerplatform.apikeys.ApiKeyStore;
import io.workerplatform.common.SecretBox;
import io.workerplatform.host.api.ApiProperties;
import io.workerplatform.signatures.CallbackTokens;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.util.Map;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;
import org.springframework.core.annotation.Order;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.security.web.access.AccessDeniedHandler;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;
import org.springframework.security.web.csrf.CsrfTokenRepository;
import org.springframework.security.web.csrf.HttpSessionCsrfTokenRepository;

/**
 * The API's one filter chain: bearer tokens (the admin token or an organization's API key),
 * stateless, no cookies, hence no CSRF protection to add (a browser never sends the token on its
 * own). Who may call what is in the rules below, in the order they are tried.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {
  /** Set on a request denied because it names another organization: it then answers 404. */
  static final String FOREIGN_ORGANIZATION = SecurityConfiguration.class.getName() + ".foreign";

  @Bean
  AdminToken adminToken(ApiProperties properties, @Value("${platform.temporal.mode:embedded}") String mode) {
    return AdminToken.resolve(properties.adminToken(), mode);
  }

  @Bean
  PlatformKeys platformKeys(
      KeysProperties properties, @Value("${platform.temporal.mode:embedded}") String mode,
      @Value("${spring.datasource.url:}") String databaseUrl, @Value("${platform.db.schema}") String schema) {
    return new PlatformKeys(properties, mode, databaseUrl, schema);
  }

  @Bean
  CallbackTokens callbackTokens(PlatformKeys keys, KeysProperties properties) {
    return new CallbackTokens(keys.resolve("callback", "PLATFORM_CALLBACK_KEY", properties.callback()));
  }

  @Bean
  SecretBox secretBox(PlatformKeys keys, KeysProperties properties) {
    return new SecretBox(
        keys.resolve("secrets", "PLATFORM_SECRETS_KEY", properties.secrets()),
        properties.secretsPrevious().stream().map(k -> keys.decode("PLATFORM_SECRETS_PREVIOUS_KEYS", k)).toList());
  }

  @Bean
  ApiKeyStore apiKeyStore(DSLContext dsl, Clock clock) {
    return new ApiKeyStore(dsl, clock);
  }

  @Bean
  ApiTokens apiTokens(AdminToken admin, ApiKeyStore keys, ApiProperties properties) {
    return new ApiTokens(admin, keys, properties, System::nanoTime);
  }

  @Bean
  FailedAuthentications failedAuthentications(ApiProperties properties, MeterRegistry registry) {
    return new FailedAuthentications(properties.throttling().failedAuthenticationsPerMinute(), registry);
  }

  @Bean
  RevocationListener revocationListener(DataSource dataSource, ApiTokens tokens) {
    return new RevocationListener(dataSource, tokens);
  }

  /**
   * No Micrometer observation around every security filter: with the actuator's registry each
   * request paid one per filter (about 3 % of the host's CPU on the publish path, by JFR); the
   * request itself is still observed by Spring MVC.
   */
  @Bean
  SecurityObservationSettings securityObservationSettings() {
    return SecurityObservationSettings.noObservations();
  }

  /**
   * The console's chain: a browser signs in once with a token (the admin token, or an
   * organization's key for that organization's pages) and keeps a session. Stateful, so Spring
   * Security's defaults apply: CSRF tokens on every form, the session id changed at sign-in, the
   * security headers; the cookie is HttpOnly and SameSite=Strict, and Secure over TLS
   * (server.servlet.session.cookie.*). The same rules as the API's decide who sees what.
   */
  @Bean
  @Order(1)
  SecurityFilterChain consoleSecurity(HttpSecurity http, ApiTokens tokens) throws Exception {
    http.securityMatcher("/console", "/console/**")
        .csrf(csrf -> csrf.csrfTokenRepository(CONSOLE_CSRF))
        .headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives(CONSOLE_CSP)))
        // a revoked key or a changed admin token ends its sessions at their next request
        .addFilterBefore(new ConsoleSessionCheck(tokens), AuthorizationFilter.class)
        .authorizeHttpRequests(
            rules ->
                rules
                    .dispatcherTypeMatchers(DispatcherType.ERROR).permitAll()
                    .requestMatchers("/console/login", "/console/console.css").permitAll()
                    .requestMatchers("/console/orgs/{orgId}", "/console/orgs/{orgId}/**").access(sameOrganization())
                    .requestMatchers("/console").authenticated()
                    // cron jobs and the view across organizations
                    .anyRequest().hasRole(Caller.ADMIN_ROLE))
        .securityContext(context -> context.securityContextRepository(CONSOLE_CONTEXTS))
        .logout(logout -> logout.logoutUrl("/console/logout").logoutSuccessUrl("/console/login?signedOut"))
        .exceptionHandling(
            errors ->
                errors
                    .authenticationEntryPoint(new LoginUrlAuthenticationEntryPoint("/console/login"))
                    .accessDeniedHandler(
                        (request, response, e) -> {
                          // another organization's pages are unknown, as in the API; admin pages are forbidden
                          boolean foreign = request.getAttribute(FOREIGN_ORGANIZATION) != null;
                          response.sendError(foreign ? HttpServletResponse.SC_NOT_FOUND : HttpServletResponse.SC_FORBIDDEN);
                        }));
    return http.build();
  }

  /** Where a console sign-in keeps its authentication: the HTTP session. */
  static final SecurityContextRepository CONSOLE_CONTEXTS = new HttpSessionSecurityContextRepository();

  /** The console's CSRF tokens, in the session; a new one at sign-in (ConsoleSignIn). */
  static final CsrfTokenRepository CONSOLE_CSRF = new HttpSessionCsrfTokenRepository();

  /**
   * The console's pages load nothing but the console's own stylesheet: no script, no inline style,
   * no frame, and forms post only to the console.
   */
  static final String CONSOLE_CSP =
      "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

  @Bean
  @Order(2)
  SecurityFilterChain apiSecurity(
      HttpSecurity http, ApiTokens tokens, ProblemResponses problems, FailedAuthentications failures) throws Exception {
    AuthenticationEntryPoint unauthorized = (request, response, e) -> {
      if (request.getHeader(HttpHeaders.AUTHORIZATION) != null && !(e instanceof ApiTokens.TokenUncheckable)) {
        failures.failed(request.getRemoteAddr()); // a wrong token, not a missing one
      }
      unauthorized(problems, request, response, e);
    };
    http.csrf(csrf -> csrf.disable())
        .addFilterBefore(ThrottleFilters.failedAuthentications(failures, problems), BearerTokenAuthenticationFilter.class)
        .addFilterAfter(ThrottleFilters.keyRate(tokens, problems), BearerTokenAuthenticationFilter.class)
        .logout(logout -> logout.disable()) // no sessions, nothing to log out of
        .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .requestCache(cache -> cache.disable())
        .authorizeHttpRequests(
            rules -> {
              rules
                  // Tomcat's own error answers (a 413, say) are rendered on an ERROR dispatch.
                  .dispatcherTypeMatchers(DispatcherType.ERROR).permitAll()
                  // Providers authenticate by their signature or a per-request token.
                  .requestMatchers("/callbacks/**").permitAll()
                  // A report's link is authenticated by its signature (members have no key).
                  .requestMatchers(HttpMethod.GET, "/links/reports/*").permitAll()
                  // Health without details; details with the admin token (management.endpoint.health.roles).
                  .requestMatchers(HttpMethod.GET, "/actuator/health", "/actuator/health/**").permitAll()
                  .requestMatchers(HttpMethod.POST, "/api/orgs").hasRole(Caller.ADMIN_ROLE);
              for (AdminOnlyRoutes.AdminRoute route : AdminOnlyRoutes.UNDER_ORGANIZATION) {
                rules.requestMatchers(route.method(), route.pattern()).hasRole(Caller.ADMIN_ROLE);
              }
              rules
                  .requestMatchers("/api/orgs/{orgId}", "/api/orgs/{orgId}/**").access(sameOrganization())
                  .requestMatchers(HttpMethod.GET, "/api/event-types").authenticated()
                  // The API's own description, to any valid token.
                  .requestMatchers(HttpMethod.GET, "/v3/api-docs", "/v3/api-docs/**").authenticated()
                  // Everything else spans organizations (cron, cross-organization views, actuator).
                  .anyRequest().hasRole(Caller.ADMIN_ROLE);
            })
        .oauth2ResourceServer(
            server ->
                server
                    .bearerTokenResolver(notOnCallbacks())
                    .opaqueToken(token -> token.introspector(tokens))
                    .authenticationEntryPoint(unauthorized)
                    .accessDeniedHandler(denied(problems)))
        .exceptionHandling(
            errors ->
                errors.authenticationEntryPoint(unauthorized).accessDeniedHandler(denied(problems)));
    return http.build();
  }

  /** An organization's key reaches that organization's routes; the admin token reaches all. */
  private static AuthorizationManager<RequestAuthorizationContext> sameOrganization() {
    return (authentication, context) -> {
      Caller caller = caller(authentication.get());
      if (caller == null) {
        return new AuthorizationDecision(false);
      }
      String orgId = context.getVariables().get("orgId");
      boolean allowed = caller.mayReach(orgId);
      if (!allowed) {
        context.getRequest().setAttribute(FOREIGN_ORGANIZATION, orgId);
      }
      return new AuthorizationDecision(allowed);
    };
  }

  private static Caller caller(Authentication authentication) {
    return authentication != null && authentication.getPrincipal() instanceof Caller c ? c : null;
  }

  /**
   * Callbacks and signed links never read an Authorization header as a platform token: a provider
   * may send its own, and a link's signature is what authenticates it.
   */
  private static BearerTokenResolver notOnCallbacks() {
    DefaultBearerTokenResolver standard = new DefaultBearerTokenResolver();
    return request -> request.getRequestURI().startsWith("/callbacks/") || request.getRequestURI().startsWith("/links/")
        ? null
        : standard.resolve(request);
  }

  private static void unauthorized(
      ProblemResponses problems, HttpServletRequest request, HttpServletResponse response, AuthenticationException e) throws IOException {
    if (e instanceof ApiTokens.TokenUncheckable) {
      // The token could not be checked (the database is down): not the caller's fault.
      response.setHeader(HttpHeaders.RETRY_AFTER, "5");
      problems.write(
          request, response, HttpStatus.SERVICE_UNAVAILABLE, "the token cannot be checked now; try again", Map.of());
      return;
    }
    response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"worker-platform\"");
    problems.write(
        request, response, HttpStatus.UNAUTHORIZED,
        "a valid token is required: Authorization: Bearer <admin token or organization API key>", Map.of());
  }

  /**
   * Another organization's routes answer 404, as an unknown organization would: a key learns
   * nothing about what it cannot reach. Admin-only routes answer 403.
   */
  private static AccessDeniedHandler denied(ProblemResponses problems) {
    return (request, response, e) -> {
      if (request.getAttribute(FOREIGN_ORGANIZATION) instanceof String orgId) {
        problems.write(
            request, response, HttpStatus.NOT_FOUND, "organization " + orgId + " not found",
            Map.of("entity", "organization", "id", orgId));
      } else {
        problems.write(
            request, response, HttpStatus.FORBIDDEN, "this route needs the admin token", Map.of());
      }
    };
  }
}
