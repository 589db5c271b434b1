package io.workerplatform.host.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Optional;
import org.jooq.exception.DataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.csrf.CsrfAuthenticationStrategy;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Signs a browser in to the console with a token: the same check as the API's bearer tokens
 * (ApiTokens), kept in the session afterwards. The token itself is never stored, echoed or logged.
 */
@Controller
class ConsoleSignIn {
  private static final int MAX_TOKEN_LENGTH = 200;

  private final ApiTokens tokens;
  private final FailedAuthentications failures;

  ConsoleSignIn(ApiTokens tokens, FailedAuthentications failures) {
    this.tokens = tokens;
    this.failures = failures;
  }

  @GetMapping("/console/login")
  String form() {
    return "console/login";
  }

  @PostMapping("/console/login")
  String signIn(
      @RequestParam(required = false) String token, HttpServletRequest request, HttpServletResponse response,
      Model model) {
    long blocked = failures.blockedFor(request.getRemoteAddr());
    if (blocked > 0) {
      response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
      response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(FailedAuthentications.retryAfterSeconds(blocked)));
      model.addAttribute("error", "Too many failed sign-ins from this address; try again in a minute.");
      return "console/login";
    }
    Optional<Caller> caller;
    try {
      caller =
          token == null || token.isBlank() || token.length() > MAX_TOKEN_LENGTH
              ? Optional.empty()
              : tokens.authenticate(token.strip());
    } catch (DataAccessException e) {
      response.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
      model.addAttribute("error", "The token cannot be checked now (the database is unreachable); try again.");
      return "console/login";
    }
    if (caller.isEmpty()) {
      failures.failed(request.getRemoteAddr());
      response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
      model.addAttribute("error", "Unknown or revoked token.");
      return "console/login";
    }
    // a new session id at sign-in: an id planted before it is worth nothing after
    request.getSession(true);
    request.changeSessionId();
    SecurityContext context = SecurityContextHolder.createEmptyContext();
    Authentication authentication =
        UsernamePasswordAuthenticationToken.authenticated(caller.get(), null, caller.get().getAuthorities());
    context.setAuthentication(authentication);
    SecurityContextHolder.setContext(context);
    SecurityConfiguration.CONSOLE_CONTEXTS.saveContext(context, request, response);
    // what ConsoleSessionCheck checks on every later request
    request.getSession().setAttribute(ConsoleSessionCheck.CREDENTIAL, tokens.sessionCredential(caller.get()));
    // and a new CSRF token: one read before sign-in (a planted page, say) is worth nothing after it
    new CsrfAuthenticationStrategy(SecurityConfiguration.CONSOLE_CSRF).onAuthentication(authentication, request, response);
    return caller.get().isAdmin() ? "redirect:/console" : "redirect:/console/orgs/" + caller.get().orgId();
  }
}
